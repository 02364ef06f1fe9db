// Browser bench: the demo entry form with every cell filled, timed for
// (a) the core's validate on the form's report and (b) a whole input
// event as attach() handles it (read the inputs, validate, update marks).
import { attach, validate } from "../src/gongkai.js";

const out = document.getElementById("results");
const html = await (await fetch("form.html")).text();
const page = new DOMParser().parseFromString(html, "text/html");
const form = document.importNode(page.getElementById("report-form"), true);
document.getElementById("host").append(form);
const inputs = [...form.querySelectorAll("input[data-cell]")];
const byCell = new Map(inputs.map((el) => [el.dataset.cell, el]));
const att = await attach(form, { form: "2021", year: 2024 });

// A clerk's form: Pingtan 2020's Table 3 typed in (two errors on （七）总计),
// the other cells still empty.
const typed = {
  "requests/new/natural": 20, "requests/new/other_org": 1, "requests/new/total": 21,
  "requests/granted/natural": 6, "requests/granted/other_org": 1, "requests/granted/total": 7,
  "requests/partial/natural": 6, "requests/partial/total": 6,
  "requests/unable.not_held/natural": 4, "requests/unable.not_held/total": 4,
  "requests/unable.unclear/natural": 3, "requests/unable.unclear/total": 3,
  "requests/not_processed.repeat/natural": 3, "requests/not_processed.repeat/total": 3,
  "requests/other.other/natural": 4, "requests/other.other/total": 4,
  "requests/total/natural": 20, "requests/total/other_org": 1, "requests/total/total": 21,
};

// performance.now() is coarse in browsers (0.1 ms): time batches of calls
// and report the per-call time of the median and the slowest batch.
function time(f, batches, per) {
  for (let i = 0; i < 20; i++) f(); // warm up
  const runs = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < per; i++) f();
    runs.push((performance.now() - t) / per);
  }
  runs.sort((a, b) => a - b);
  return { median_ms: runs[batches >> 1], max_ms: runs[batches - 1], calls: batches * per };
}

function scenario(fill) {
  inputs.forEach((el, i) => (el.value = fill(el.dataset.cell, i)));
  att.validate();
  const report = att.report();
  const target = byCell.get("requests/total/natural");
  return {
    findings: att.findings.length,
    validate: time(() => validate(report, { lang: "zh-CN" }), 21, 50),
    input_event: time(() => {
      target.value = String(20 + Math.floor(Math.random() * 10));
      target.dispatchEvent(new Event("input", { bubbles: true }));
    }, 21, 50),
  };
}

const results = {
  cells: inputs.length,
  typical: scenario((a) => (a in typed ? String(typed[a]) : "")),
  // Every cell filled with numbers that break most sums: the worst case.
  worst: scenario((a, i) => String((i * 7) % 50)),
  userAgent: navigator.userAgent,
};
out.textContent = JSON.stringify(results, null, 2);
document.documentElement.dataset.bench = "done";
