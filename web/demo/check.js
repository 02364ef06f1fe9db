// "Check a published report": parse pasted text or HTML, validate, and show
// the tables as the form prints them with the findings marked. The rendered
// HTML comes from the core, which escapes everything from the report.
import { init, parse, parseFile, validate, render } from "../src/gongkai.js";

const form = document.getElementById("check-form");
const status = document.getElementById("status");
const result = document.getElementById("result");

try {
  await init();
  document.documentElement.dataset.gongkai = "ready";
} catch (e) {
  status.textContent = "此浏览器无法运行 gongkai（需要 WebAssembly）。";
  document.documentElement.dataset.gongkai = "unavailable";
}

function show(report) {
  const outcome = validate(report, { lang: "zh-CN" });
  const c = outcome.counts;
  status.textContent = report.form
    ? `表式 ${report.form}：${c.error} 个错误，${c.warning} 个警告，${c.info} 条提示`
    : "没有找到年报统计表";
  result.innerHTML = report.form
    ? render(report, { format: "html", findings: outcome.findings, lang: "zh-CN" })
    : "";
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  show(parse(document.getElementById("source").value));
});

// A Word file is read by the file-reading package, loaded on first use.
document.getElementById("file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  status.textContent = "正在读取文件…";
  try {
    show(await parseFile(file));
  } catch (err) {
    status.textContent = `无法读取：${err.message}`;
  }
});
