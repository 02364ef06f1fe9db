// Loads the optimised release package (web/pkg, built by scripts/test-web)
// once in Node with initSync, and runs every golden case through it: the
// check that wasm-opt did not break what the unoptimised tests passed.
//
//   node web/test/node.mjs [PKG_DIR]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadCases, runCases } from "./cases.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = resolve(process.argv[2] ?? resolve(root, "web/pkg"));
const api = await import(pathToFileURL(resolve(pkg, "gongkai_wasm.js")).href);
api.initSync({ module: readFileSync(resolve(pkg, "gongkai_wasm_bg.wasm")) });

const cases = loadCases(root);
const { runs, failures } = runCases(api, cases);
if (failures.length > 0) {
  console.error(failures.join("\n"));
  console.error(`node: ${failures.length} of ${runs} runs failed`);
  process.exit(1);
}
console.log(`node: ${cases.length} golden cases, ${runs} runs, all as expected`);
