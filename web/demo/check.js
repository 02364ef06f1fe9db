// "Check a published report": parse pasted text or HTML, validate, and show
// the tables as the form prints them with the findings marked. The rendered
// HTML comes from the core, which escapes everything from the report, and
// lists the report's faults apart from what gongkai could not read or check;
// the status line counts them apart too, by the core's isReading.
//
// Clicking a finding or a cell shows its place in the source: the core gives
// each cell's [start, end) in code points of the text parsed (report.spans,
// and data-span on the finding items); JS strings count UTF-16 units, so the
// offsets are converted before selecting in the textarea.
import { init, parse, parseFile, validate, render, isReading } from "../src/gongkai.js";

const form = document.getElementById("check-form");
const source = document.getElementById("source");
const note = document.getElementById("source-note");
const status = document.getElementById("status");
const result = document.getElementById("result");

/**
 * What was checked: the text given to parse (null for a Word file, whose
 * cells have no place in a text the page has) and the report read from it.
 */
let checked = { text: null, word: false, report: null };

try {
  await init();
  document.documentElement.dataset.gongkai = "ready";
} catch (e) {
  status.textContent = "此浏览器无法运行 gongkai（需要 WebAssembly）。";
  document.documentElement.dataset.gongkai = "unavailable";
}

function say(text) {
  note.textContent = text;
  note.hidden = !text;
}

/** "表式 2021：0 个错误，1 个警告；另有 3 项未能读取/未能核对（不是报告的错误）" */
function statusLine(report, findings) {
  status.replaceChildren();
  if (!report.form) {
    status.textContent = "没有找到年报统计表";
    return;
  }
  const reading = findings.filter((f) => isReading(f));
  const faults = findings.filter((f) => !isReading(f));
  const count = (s) => faults.filter((f) => f.severity === s).length;
  const faultsPart = document.createElement("span");
  faultsPart.className = "status-faults";
  const errors = count("error");
  if (errors > 0) faultsPart.classList.add("has-errors");
  const info = count("info");
  faultsPart.textContent =
    `表式 ${report.form}：${errors} 个错误，${count("warning")} 个警告` + (info > 0 ? `，${info} 条提示` : "");
  status.append(faultsPart);
  if (reading.length > 0) {
    const readingPart = document.createElement("span");
    readingPart.className = "status-reading";
    readingPart.textContent = `；另有 ${reading.length} 项未能读取/未能核对（不是报告的错误）`;
    status.append(readingPart);
  }
}

function show(report, origin) {
  checked = { ...origin, report };
  const outcome = validate(report, { lang: "zh-CN" });
  statusLine(report, outcome.findings);
  result.innerHTML = report.form
    ? render(report, { format: "html", findings: outcome.findings, lang: "zh-CN" })
    : "";
  // The finding items are reachable by keyboard too.
  for (const li of result.querySelectorAll(".gk-findings li")) {
    li.tabIndex = 0;
    li.title = "点击查看在原文中的位置";
  }
}

/** Code-point offsets [start, end) of `text` as UTF-16 offsets. */
function utf16Span(text, [start, end]) {
  let cp = 0;
  let i = 0;
  let from = null;
  while (i < text.length && cp < end) {
    if (cp === start) from = i;
    i += text.codePointAt(i) > 0xffff ? 2 : 1;
    cp++;
  }
  return [from ?? i, i];
}

/** Scrolls the textarea so that UTF-16 offset `at` is in view (a hidden copy measures where it falls, wrapped lines and all). */
function scrollTextareaTo(at) {
  const cs = getComputedStyle(source);
  const mirror = document.createElement("div");
  for (const p of [
    "fontFamily", "fontSize", "fontWeight", "fontStyle", "lineHeight", "letterSpacing", "wordSpacing",
    "tabSize", "textTransform", "textIndent", "paddingTop", "paddingLeft", "paddingRight",
  ]) {
    mirror.style[p] = cs[p];
  }
  mirror.style.position = "absolute";
  mirror.style.visibility = "hidden";
  mirror.style.top = "0";
  mirror.style.left = "-10000px";
  mirror.style.whiteSpace = "pre-wrap";
  mirror.style.overflowWrap = "break-word";
  mirror.style.boxSizing = "border-box";
  mirror.style.width = `${source.clientWidth}px`;
  mirror.textContent = source.value.slice(0, at);
  const mark = document.createElement("span");
  mark.textContent = "\u200b";
  mirror.append(mark);
  document.body.append(mirror);
  const top = mark.offsetTop;
  mirror.remove();
  source.scrollTop = Math.max(0, top - source.clientHeight / 3);
}

/** Selects code points [start, end) of the checked text in the textarea and shows them. */
function showPlace(span) {
  if (checked.text === null) return;
  if (source.value !== checked.text) {
    say("文本框中的文字在核查后已改动，位置已对不上：请重新核查。");
    return;
  }
  const [from, to] = utf16Span(checked.text, span);
  source.focus({ preventScroll: true });
  source.setSelectionRange(from, to);
  scrollTextareaTo(from);
  source.scrollIntoView({ block: "nearest" });
  const line = checked.text.slice(0, from).split("\n").length;
  say(`原文第 ${line} 行：“${checked.text.slice(from, to)}”（已在上面的文本框中选中）`);
}

/** The place in the source of a finding item or a cell, or why there is none. */
function placeOf(el) {
  if (checked.word) return { why: "这是 Word 文件：暂时还不能显示单元格在原文中的位置。" };
  if (checked.text === null) return { why: "" };
  const spans = checked.report?.spans ?? {};
  if (el.matches("td[data-cell]")) {
    const span = spans[el.dataset.cell];
    return span ? { span } : { why: "这个单元格在原文中没有读到，没有位置可显示。" };
  }
  if (el.dataset.span) return { span: el.dataset.span.split(" ").map(Number) };
  // A finding about the text: its quote, where the source has it verbatim.
  const quote = el.querySelector("blockquote")?.textContent;
  const at = quote ? checked.text.indexOf(quote) : -1;
  if (at >= 0) {
    const start = [...checked.text.slice(0, at)].length;
    return { span: [start, start + [...quote].length] };
  }
  return { why: el.querySelector(".gk-goto") ? "这个单元格在原文中没有读到，没有位置可显示。" : "这一项针对整份报告，原文中没有单一的位置。" };
}

function activate(el) {
  for (const c of result.querySelectorAll(".is-current")) c.classList.remove("is-current");
  el.classList.add("is-current");
  const place = placeOf(el);
  if (place.span) showPlace(place.span);
  else say(place.why);
}

result.addEventListener("click", (e) => {
  // The links keep their jumps: to the cell, to the finding.
  if (e.target.closest("a")) return;
  const el = e.target.closest(".gk-findings li, td[data-cell]");
  if (el) activate(el);
});
result.addEventListener("keydown", (e) => {
  const li = e.target.closest?.(".gk-findings li");
  if (li && (e.key === "Enter" || e.key === " ")) {
    e.preventDefault();
    activate(li);
  }
});

form.addEventListener("submit", (e) => {
  e.preventDefault();
  say("");
  const text = source.value;
  show(parse(text), { text, word: false });
});

/** A text file's characters: UTF-16 by its BOM, else UTF-8, else GB18030. */
function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

// A Word file is read by the file-reading package, loaded on first use; a
// text or HTML file is decoded here and put in the textarea, so that its
// cells' places can be shown in it.
document.getElementById("file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  status.textContent = "正在读取文件…";
  say("");
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const zipOrPdf =
      (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) ||
      new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-");
    if (zipOrPdf) {
      show(await parseFile(bytes), { text: null, word: true });
      say(`已读取 Word 文件“${file.name}”。暂时还不能显示单元格在原文中的位置。`);
    } else {
      const text = decodeText(bytes);
      source.value = text;
      // The textarea normalises line ends: parse what it holds.
      show(parse(source.value), { text: source.value, word: false });
      say(`已读取文件“${file.name}”，文字已放入上面的文本框。`);
    }
  } catch (err) {
    status.textContent = `无法读取：${err.message}`;
  }
});
