// End-to-end: the demo portal pages in Debian's Chromium (playwright-core,
// no browser download), served with a strict CSP. A clerk types Pingtan
// 2020's Table 3 (../shared/corpus/014-pingtan-syq-2020.txt) into the 2021
// entry form, sees the errors on （七）总计, fixes them; the same on the form
// whose inputs carry no addresses; the "check a published report" page —
// the report's faults counted and listed apart from what could not be read
// or checked (tests/cases/synthetic-text-stray-value, Pingtan 2020), and a
// click on a finding selecting its cell's source text in the textarea; and
// the browser bench. Screenshots and bench numbers go to artifacts/.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const artifacts = join(repo, "artifacts");
await mkdir(artifacts, { recursive: true });

// Table 3 of Pingtan 2020 as published (2019 form; its single （六）其他处理
// row goes to the 2021 form's 3.其他). Its （七）总计 row does not add up.
const TYPED = {
  "requests/new/natural": "20",
  "requests/new/other_org": "1",
  "requests/new/total": "21",
  "requests/granted/natural": "6",
  "requests/granted/other_org": "1",
  "requests/granted/total": "7",
  "requests/partial/natural": "6",
  "requests/partial/total": "6",
  "requests/unable.not_held/natural": "4",
  "requests/unable.not_held/total": "4",
  "requests/unable.unclear/natural": "3",
  "requests/unable.unclear/total": "3",
  "requests/not_processed.repeat/natural": "3",
  "requests/not_processed.repeat/total": "3",
  "requests/other.other/natural": "4",
  "requests/other.other/total": "4",
  "requests/total/natural": "20",
  "requests/total/other_org": "1",
  "requests/total/total": "21",
};

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const problems = [];
let passed = 0;

async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${path}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(base + path);
  await page.waitForSelector("html[data-gongkai]");
  assert.equal(await page.getAttribute("html", "data-gongkai"), "ready", `${path}: gongkai loaded`);
  return page;
}

async function test(name, f) {
  await f();
  passed++;
  console.log(`ok - ${name}`);
}

/** The input the attachment mapped to an address, as a locator. */
async function cell(page, address) {
  const name = await page.evaluate((a) => window.gongkai.fields.get(a)?.name, address);
  assert.ok(name, `${address} is mapped`);
  return page.locator(`input[name="${name}"]`);
}

async function message(page, input) {
  const ids = (await input.getAttribute("aria-describedby")) || "";
  if (!ids) return "";
  return page.locator(ids.split(" ").map((i) => `#${i}`).join(", ")).allTextContents().then((t) => t.join(""));
}

async function typeAndFix(path, shot) {
  const page = await open(path);
  for (const [address, value] of Object.entries(TYPED)) {
    await (await cell(page, address)).pressSequentially(value);
  }
  const natural = await cell(page, "requests/total/natural");
  const total = await cell(page, "requests/total/total");
  assert.equal(await natural.getAttribute("aria-invalid"), "true");
  assert.equal(await total.getAttribute("aria-invalid"), "true");
  assert.match(await natural.getAttribute("class"), /gk-error/);
  assert.match(await message(page, natural), /（七）总计·自然人 应为 26（各项之和），报告为 20/);
  assert.match(await message(page, total), /（七）总计·总计 应为 27（各项之和），报告为 21/);
  // Only those two cells are marked.
  assert.equal(await page.locator("[aria-invalid=true]").count(), 2);
  const summary = page.locator(".gk-summary li.gk-error");
  assert.equal(await summary.count(), 2);
  if (shot) await page.screenshot({ path: join(artifacts, shot), fullPage: true });
  // The summary entry focuses its cell.
  await summary.first().locator("a").click();
  assert.equal(await page.evaluate(() => document.activeElement.name), await natural.getAttribute("name"));
  // Submitting is blocked while there are errors.
  await page.click("button[type=submit]");
  assert.equal(await page.isHidden("#submitted"), true);
  // Correcting the cells clears the marks.
  await natural.fill("26");
  assert.equal(await natural.getAttribute("aria-invalid"), null);
  assert.equal(await message(page, natural), "");
  assert.equal(await total.getAttribute("aria-invalid"), "true");
  await total.fill("27");
  assert.equal(await total.getAttribute("aria-invalid"), null);
  // Now the column balance (一+二 = 三+四) points at 四、结转下年度: the
  // report's 一、本年新收 was short too. Fixing it clears every mark.
  const carry = await cell(page, "requests/carry_forward/total");
  assert.equal(await carry.getAttribute("aria-invalid"), "true");
  assert.match(await message(page, carry), /四、结转下年度·总计 应为 -6/);
  await (await cell(page, "requests/new/natural")).fill("26");
  await (await cell(page, "requests/new/total")).fill("27");
  assert.equal(await page.locator("[aria-invalid=true]").count(), 0);
  assert.equal(await page.locator(".gk-summary li.gk-error").count(), 0);
  await page.click("button[type=submit]");
  assert.equal(await page.isVisible("#submitted"), true);
  await page.close();
}

try {
  await test("form with data-cell inputs: errors on （七）总计 appear and clear", () =>
    typeAndFix("/demo/form.html", "e2e-form.png"));

  await test("form without addresses: every input recognised by its labels", async () => {
    const a = await open("/demo/form.html");
    const addressed = await a.evaluate(() => [...document.querySelectorAll("input[data-cell]")].map((i) => i.dataset.cell));
    await a.close();
    const p = await open("/demo/form-plain.html");
    const mapped = await p.evaluate(() => Object.fromEntries([...window.gongkai.fields].map(([k, v]) => [k, v.name])));
    await p.close();
    assert.equal(addressed.length, 200);
    addressed.forEach((address, i) => assert.equal(mapped[address], `field${i + 1}`, address));
    assert.equal(Object.keys(mapped).length, addressed.length);
  });

  await test("form without addresses: the same errors appear and clear", () =>
    typeAndFix("/demo/form-plain.html", "e2e-form-plain.png"));

  await test("check a published report: findings and the rendered table", async () => {
    const page = await open("/demo/check.html");
    const text = await readFile(join(repo, "../shared/corpus/014-pingtan-syq-2020.txt"), "utf8");
    await page.fill("#source", text);
    await page.click("button[type=submit]");
    await page.waitForSelector("#result table");
    assert.match(await page.textContent("#status"), /表式 2019：2 个错误/);
    const td = page.locator('#result td[data-cell="requests/total/total"]');
    assert.match(await td.getAttribute("class"), /gk-error/);
    assert.match(await td.getAttribute("title"), /（七）总计·总计 应为 27/);
    // Markup in the pasted text stays text.
    await page.fill("#source", `${text}\n<img src=x onerror="document.title='pwned'">`);
    await page.click("button[type=submit]");
    assert.notEqual(await page.title(), "pwned");
    await page.screenshot({ path: join(artifacts, "e2e-check.png"), fullPage: true });
    await page.close();
  });

  await test("check pasted text with a stray value: no errors, what was not read apart, its place selected", async () => {
    const page = await open("/demo/check.html");
    // The golden case, with a character outside the BMP (two UTF-16 units,
    // one code point) in the text before the tables: the core's offsets
    // count code points, the textarea's count UTF-16 units.
    const original = await readFile(join(repo, "tests/cases/synthetic-text-stray-value/input.txt"), "utf8");
    assert.ok(original.includes("努力传递政府"));
    const text = original.replace("努力传递政府", "努力传递\u{20BB7}政府");
    await page.fill("#source", text);
    await page.click("button[type=submit]");
    await page.waitForSelector("#result table");
    const status = await page.textContent("#status");
    assert.match(status, /^表式 2021：0 个错误，\d+ 个警告；另有 3 项未能读取\/未能核对（不是报告的错误）$/);
    // The status counts come from the core's isReading, as the sections do.
    const reading = page.locator("#result .gk-findings.gk-reading li");
    const faults = page.locator("#result .gk-findings:not(.gk-reading) li");
    assert.equal(await reading.count(), 3);
    const warnings = await faults.evaluateAll((lis) => lis.filter((li) => li.classList.contains("gk-warning")).length);
    assert.match(status, new RegExp(`：0 个错误，${warnings} 个警告；`));
    assert.deepEqual(await reading.locator("code.gk-rule").allTextContents(), ["R-2", "R-5", "R-5"]);
    assert.match(await page.textContent("#result .gk-findings.gk-reading h2"), /^未能读取\/未能核对（不是报告的错误）：3 项$/);
    for (const rule of await faults.locator("code.gk-rule").allTextContents()) assert.doesNotMatch(rule, /^R-/);
    // The report's faults come first; nothing is marked as an error.
    assert.equal(await page.locator("#result .gk-findings").first().getAttribute("class"), "gk-findings");
    assert.equal(await page.locator("#result .gk-error").count(), 0);
    assert.equal(await page.locator("#result td.gk-related").count(), 0);
    // The R-2 cell is marked as not read, visibly unlike an error.
    const r2 = reading.filter({ has: page.locator("code.gk-rule", { hasText: /^R-2$/ }) });
    const cell = (await r2.locator("a.gk-goto").getAttribute("href")).slice("#gk-".length);
    assert.equal(cell, "requests/not_processed.repeat/natural");
    const td = page.locator(`#result td[data-cell="${cell}"]`);
    assert.equal(await td.getAttribute("class"), "gk-value gk-unread");
    const look = await td.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, color: s.outlineColor };
    });
    assert.equal(look.style, "dashed");
    assert.notEqual(look.color, "rgb(200, 16, 46)");
    // Clicking the finding selects exactly its cell's source text.
    const [start, end] = (await r2.getAttribute("data-span")).split(" ").map(Number);
    const points = [...text];
    const from = points.slice(0, start).join("").length;
    const to = from + points.slice(start, end).join("").length;
    assert.equal(from, start + 1, "one astral character before the cell");
    await r2.locator("code.gk-rule").click();
    const sel = await page.evaluate(() => {
      const t = document.getElementById("source");
      return {
        focused: document.activeElement === t,
        start: t.selectionStart,
        end: t.selectionEnd,
        text: t.value.slice(t.selectionStart, t.selectionEnd),
        scrolled: t.scrollTop,
      };
    });
    assert.equal(sel.focused, true);
    assert.deepEqual([sel.start, sel.end], [from, to]);
    assert.equal(sel.text, (await td.textContent()).trim());
    assert.equal(sel.text, "7");
    assert.ok(sel.scrolled > 0, "the textarea scrolled to the selection");
    assert.match(await page.textContent("#source-note"), /^原文第 \d+ 行：“7”/);
    // Clicking a marked cell does the same; one with a span of its own too.
    await page.locator("#source").evaluate((t) => t.setSelectionRange(0, 0));
    await page.locator('#result td[data-cell="requests/total/natural"]').click();
    const total = await page.evaluate(() => {
      const t = document.getElementById("source");
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.equal(total, (await page.textContent('#result td[data-cell="requests/total/natural"]')).trim());
    await page.screenshot({ path: join(artifacts, "e2e-check-stray.png"), fullPage: true });
    await page.close();
  });

  await test("check a published report with a real error: the error stays an error, apart from what was not read", async () => {
    const page = await open("/demo/check.html");
    const text = await readFile(join(repo, "../shared/corpus/014-pingtan-syq-2020.txt"), "utf8");
    await page.fill("#source", text);
    await page.click("button[type=submit]");
    await page.waitForSelector("#result table");
    assert.match(
      await page.textContent("#status"),
      /^表式 2019：2 个错误，\d+ 个警告；另有 \d+ 项未能读取\/未能核对（不是报告的错误）$/,
    );
    const faults = page.locator("#result .gk-findings:not(.gk-reading) li");
    const reading = page.locator("#result .gk-findings.gk-reading li");
    const rulesOf = (items, severity) =>
      items.evaluateAll(
        (lis, sev) => lis.filter((li) => li.classList.contains(`gk-${sev}`)).map((li) => li.querySelector("code.gk-rule").textContent),
        severity,
      );
    assert.deepEqual(await rulesOf(faults, "error"), ["T3-2", "T3-2"]);
    assert.ok((await reading.count()) > 0);
    assert.deepEqual(await rulesOf(reading, "error"), []);
    for (const rule of await reading.locator("code.gk-rule").allTextContents()) assert.match(rule, /^R-/);
    assert.match(await page.getAttribute('#result td[data-cell="requests/total/natural"]', "class"), /\bgk-error\b/);
    assert.ok((await page.locator("#result td.gk-unread").count()) > 0);
    // The numbers of the list follow the marks: the faults 1…k, then the rest.
    const ids = await page.locator("#result .gk-findings li").evaluateAll((lis) => lis.map((li) => li.id));
    assert.deepEqual(ids, ids.map((_, i) => `gk-f${i + 1}`));
    // Clicking the error selects the total as printed.
    const error = faults.filter({ has: page.locator("a.gk-goto[href='#gk-requests/total/natural']") });
    await error.locator("code.gk-rule").click();
    const selected = await page.evaluate(() => {
      const t = document.getElementById("source");
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.equal(selected, (await page.textContent('#result td[data-cell="requests/total/natural"]')).trim());
    await page.screenshot({ path: join(artifacts, "e2e-check-reading.png"), fullPage: true });
    // The status line and the two lists, close up.
    const box = await page.evaluate(() => {
      const r = (el) => el.getBoundingClientRect();
      const first = r(document.querySelector("#result .gk-findings"));
      const last = r(document.querySelector("#result .gk-findings.gk-reading"));
      return { x: first.left - 8, y: first.top + window.scrollY - 8, width: first.width + 16, height: last.bottom - first.top + 16 };
    });
    await page.screenshot({ path: join(artifacts, "e2e-check-findings.png"), fullPage: true, clip: box });
    await page.close();
  });

  await test("check a Word file: the official template read by the file package", async () => {
    const page = await open("/demo/check.html");
    await page.setInputFiles("#file", join(repo, "../shared/corpus/template-2021.docx"));
    await page.waitForSelector("#result table");
    // The blank template: the 2021 form, every cell left blank (R-FMT-3).
    assert.match(await page.textContent("#status"), /表式 2021：0 个错误/);
    assert.equal(await page.locator("#result td[data-cell]").count(), 200);
    const wasm = await page.evaluate(() =>
      performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).map((r) => new URL(r.name).pathname),
    );
    assert.deepEqual(wasm.sort(), ["/pkg-files/gongkai_wasm_bg.wasm", "/pkg/gongkai_wasm_bg.wasm"]);
    // A Word file's cells have no place in a text the page has: it says so.
    await page.locator("#result td[data-cell]").first().click();
    assert.match(await page.textContent("#source-note"), /Word 文件：暂时还不能显示单元格在原文中的位置/);
    await page.close();
  });

  await test("init any number of times: one load of the .wasm", async () => {
    const page = await open("/demo/check.html");
    const loads = await page.evaluate(async () => {
      const m = await import("/src/gongkai.js");
      await Promise.all([m.init(), m.init(), m.init()]);
      await m.init();
      return performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).length;
    });
    assert.equal(loads, 1);
    await page.close();
  });

  await test("initSync in a module worker", async () => {
    const page = await open("/demo/check.html");
    const outcome = await page.evaluate(async (typed) => {
      // The whole 2021 form, blank but for the typed Table 3.
      const m = await import("/src/gongkai.js");
      await m.init();
      const cells = {};
      for (const t of m.forms().find((f) => f.id === "2021").tables)
        for (const r of t.rows)
          for (const c of t.columns)
            if (!r.optional && !c.optional && (!r.columns || r.columns.includes(c.key)))
              cells[`${t.id}/${r.key}/${c.key}`] = typed[`${t.id}/${r.key}/${c.key}`] ?? null;
      return new Promise((ok, fail) => {
        const w = new Worker("/demo/worker.js", { type: "module" });
        w.onmessage = (e) => ok(e.data);
        w.onerror = (e) => fail(new Error(e.message));
        w.postMessage({ form: "2021", cells });
      });
    }, Object.fromEntries(Object.entries(TYPED).map(([k, v]) => [k, Number(v)])));
    assert.equal(outcome.valid, false);
    assert.deepEqual(
      outcome.findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.cell}`),
      ["T3-2 requests/total/natural", "T3-2 requests/total/total"],
    );
    await page.close();
  });

  await test("without WebAssembly the page says so once and still submits", async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      delete globalThis.WebAssembly;
    });
    await page.goto(base + "/demo/form.html");
    await page.waitForSelector("html[data-gongkai]");
    assert.equal(await page.getAttribute("html", "data-gongkai"), "unavailable");
    // A second attach on the same page does not say it again.
    await page.evaluate(async () => {
      const m = await import("/src/gongkai.js");
      await m.attach(document.getElementById("report-form"));
    });
    assert.equal(await page.locator(".gk-unavailable").count(), 1);
    assert.match(await page.textContent(".gk-unavailable"), /无法运行年报表格自动校验/);
    await page.fill('input[name="requests/total/total"]', "21");
    await page.click("button[type=submit]");
    assert.equal(await page.isVisible("#submitted"), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  await test("browser bench", async () => {
    const page = await browser.newPage();
    page.on("pageerror", (e) => problems.push(`bench: ${e.message}`));
    await page.goto(`${base}/demo/bench.html`);
    await page.waitForSelector("html[data-bench=done]", { timeout: 60000 });
    const results = JSON.parse(await page.textContent("#results"));
    await writeFile(join(artifacts, "browser-bench.json"), JSON.stringify(results, null, 2));
    for (const k of ["typical", "worst"]) {
      const r = results[k];
      assert.ok(r.validate.median_ms > 0 && r.input_event.median_ms > 0);
      console.log(`  ${k} (${r.findings} findings): validate ${r.validate.median_ms.toFixed(3)} ms, whole input event ${r.input_event.median_ms.toFixed(3)} ms (median per call, ${results.cells} cells)`);
    }
    await page.close();
  });

  assert.deepEqual(problems, [], "no console errors, CSP violations or page errors");
  console.log(`${passed} end-to-end tests passed`);
} finally {
  await browser.close();
  server.close();
}
