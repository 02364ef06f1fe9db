// Loads the optimised release package (web/pkg) in Chromium — Debian's
// /usr/bin/chromium, driven by playwright-core, which never downloads a
// browser — and runs every golden case in the page. A console error or an
// uncaught exception on the page fails the run too.
//
//   node web/test/browser.mjs [PKG_DIR]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { loadCases, runCases } from "./cases.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = resolve(process.argv[2] ?? resolve(root, "web/pkg"));
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>gongkai</title>`;
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    return;
  }
  const file = resolve(pkg, "." + path.replace(/^\/pkg\//, "/"));
  if (!path.startsWith("/pkg/") || !file.startsWith(pkg + sep)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
});
let code = 0;
try {
  const tab = await browser.newPage();
  const problems = [];
  tab.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await tab.goto(url);
  const cases = loadCases(root);
  const { runs, failures } = await tab.evaluate(async ({ cases, src }) => {
    const api = await import("/pkg/gongkai_wasm.js");
    await api.default({ module_or_path: "/pkg/gongkai_wasm_bg.wasm" });
    return new Function(`return (${src})`)()(api, cases);
  }, { cases, src: runCases.toString() });
  failures.push(...problems);
  if (failures.length > 0) {
    console.error(failures.join("\n"));
    console.error(`chromium: ${failures.length} problems in ${runs} runs`);
    code = 1;
  } else {
    console.log(`chromium ${browser.version()}: ${cases.length} golden cases, ${runs} runs, all as expected`);
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
