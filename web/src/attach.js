// attach(): gongkai on a portal's existing report-entry form. Maps the
// form's inputs to cell addresses, validates on every input event, marks
// the failing cells and keeps a summary list. It never breaks the host
// page: if the WebAssembly module cannot load, it says so once and leaves
// the form as it was.
import { init, validate, forms } from "./gongkai.js";

const WORDS = {
  "zh-CN": {
    unavailable: "此浏览器无法运行年报表格自动校验（需要支持 WebAssembly 的浏览器）。表格仍可照常填写和提交。",
    summary: "表格校验发现的问题",
    ok: "表格校验未发现问题",
    blocked: "表格中有错误，请改正后再提交。",
    error: "错误",
    warning: "警告",
    info: "提示",
  },
  en: {
    unavailable: "This browser cannot run the report table checks (WebAssembly is required). The form can still be filled in and submitted.",
    summary: "Problems found in the tables",
    ok: "No problems found in the tables",
    blocked: "The tables have errors; correct them before submitting.",
    error: "Error",
    warning: "Warning",
    info: "Note",
  },
};

let warned = false;
let uid = 0;

/**
 * Attaches gongkai to a form element.
 * @param {HTMLElement} formElement the <form> (or any element) holding the tables
 * @param {object} [options] {form, lang, year, blockSubmitOnError, summary, onFindings, wasm}
 * @returns {Promise<Attachment>}
 */
export async function attach(formElement, options = {}) {
  const opts = {
    form: "2021",
    lang: "zh-CN",
    blockSubmitOnError: false,
    ...options,
  };
  const att = new Attachment(formElement, opts);
  try {
    await init(opts.wasm);
    att.start();
  } catch (e) {
    att.unavailable(e);
  }
  return att;
}

class Attachment {
  constructor(form, opts) {
    this.form = form;
    this.opts = opts;
    this.words = WORDS[opts.lang] || WORDS["zh-CN"];
    this.fields = new Map(); // address -> input element
    this.outcome = { valid: true, findings: [], counts: { error: 0, warning: 0, info: 0 } };
    this.marked = new Map(); // element -> message element
    this.id = ++uid;
    this.active = false;
    this.onInput = () => this.validate();
    this.onSubmit = (e) => this.submit(e);
  }

  /** The current findings. */
  get findings() {
    return this.outcome.findings;
  }

  /** Addresses of the mapped cells, in the form's order. */
  get cells() {
    return [...this.fields.keys()];
  }

  unavailable(error) {
    if (!warned) {
      warned = true;
      console.warn("gongkai: not available in this browser:", error);
      const note = document.createElement("p");
      note.className = "gk-unavailable";
      note.setAttribute("role", "status");
      note.textContent = this.words.unavailable;
      this.form.prepend(note);
    }
  }

  start() {
    const defs = forms();
    const def = defs.find((f) => f.id === this.opts.form);
    if (!def) throw new Error(`gongkai: unknown form ${this.opts.form}`);
    this.def = def;
    const known = new Set(addresses(def));
    for (const el of this.form.querySelectorAll("input, textarea, select")) {
      const a = el.dataset.cell || el.getAttribute("name");
      if (a && known.has(a) && !this.fields.has(a)) this.fields.set(a, el);
    }
    if (this.fields.size === 0) {
      for (const [a, el] of recognise(this.form, def)) this.fields.set(a, el);
    }
    this.summary = this.opts.summary || document.createElement("div");
    this.summary.classList.add("gk-summary");
    this.summary.setAttribute("aria-live", "polite");
    if (!this.opts.summary) this.form.prepend(this.summary);
    this.form.addEventListener("input", this.onInput);
    this.form.addEventListener("change", this.onInput);
    this.form.addEventListener("submit", this.onSubmit);
    this.active = true;
    this.validate();
  }

  /** Removes every mark and listener gongkai added. */
  detach() {
    this.form.removeEventListener("input", this.onInput);
    this.form.removeEventListener("change", this.onInput);
    this.form.removeEventListener("submit", this.onSubmit);
    for (const el of [...this.marked.keys()]) this.unmark(el);
    if (!this.opts.summary) this.summary?.remove();
    this.active = false;
  }

  /** The report the form holds now (model.md JSON). */
  report() {
    const cells = {};
    for (const [a, el] of this.fields) {
      const v = el.value.trim();
      cells[a] = v === "" ? null : /^-?\d{1,15}$/.test(v) ? Number(v) : v;
    }
    const meta = {};
    if (this.opts.year) meta.year = this.opts.year;
    return { form: this.opts.form, meta, cells };
  }

  /** Validates the form now, updates the marks and reports the findings. */
  validate() {
    if (!this.active) return this.outcome;
    let outcome;
    try {
      outcome = validate(this.report(), { lang: this.opts.lang });
    } catch (e) {
      console.error("gongkai:", e);
      return this.outcome;
    }
    this.outcome = outcome;
    this.show(outcome);
    this.form.dispatchEvent(new CustomEvent("gongkai:findings", { detail: outcome }));
    if (this.opts.onFindings) this.opts.onFindings(outcome);
    return outcome;
  }

  show(outcome) {
    const byEl = new Map();
    for (const f of outcome.findings) {
      const el = f.cell && this.fields.get(f.cell);
      if (el) {
        if (!byEl.has(el)) byEl.set(el, []);
        byEl.get(el).push(f);
      }
    }
    for (const el of [...this.marked.keys()]) if (!byEl.has(el)) this.unmark(el);
    for (const [el, fs] of byEl) this.mark(el, fs);
    this.list(outcome);
  }

  mark(el, findings) {
    const worst = findings.some((f) => f.severity === "error")
      ? "error"
      : findings.some((f) => f.severity === "warning")
        ? "warning"
        : "info";
    let msg = this.marked.get(el);
    if (!msg) {
      msg = document.createElement("span");
      msg.id = `gk-msg-${this.id}-${++uid}`;
      msg.className = "gk-msg";
      el.insertAdjacentElement("afterend", msg);
      this.marked.set(el, msg);
      const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      el.setAttribute("aria-describedby", [...ids, msg.id].join(" "));
    }
    msg.textContent = findings.map((f) => f.message).join("；");
    msg.dataset.severity = worst;
    el.classList.remove("gk-error", "gk-warning", "gk-info");
    el.classList.add("gk-invalid", `gk-${worst}`);
    if (worst === "info") el.removeAttribute("aria-invalid");
    else el.setAttribute("aria-invalid", "true");
  }

  unmark(el) {
    const msg = this.marked.get(el);
    if (msg) {
      const ids = (el.getAttribute("aria-describedby") || "")
        .split(/\s+/)
        .filter((i) => i && i !== msg.id);
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
      msg.remove();
    }
    this.marked.delete(el);
    el.classList.remove("gk-invalid", "gk-error", "gk-warning", "gk-info");
    el.removeAttribute("aria-invalid");
  }

  list(outcome) {
    // Rebuilt only when the findings change: a click on an entry blurs the
    // input first, and the change event must not replace the entry under it.
    const key = JSON.stringify(outcome.findings);
    if (key === this.listed) return;
    this.listed = key;
    const s = this.summary;
    s.replaceChildren();
    const shown = outcome.findings.filter((f) => f.severity !== "info" || !f.cell);
    const h = document.createElement("p");
    h.className = "gk-summary-title";
    h.textContent = shown.length ? `${this.words.summary}（${shown.length}）` : this.words.ok;
    s.append(h);
    if (!shown.length) return;
    const ul = document.createElement("ul");
    for (const f of shown) {
      const li = document.createElement("li");
      li.className = `gk-${f.severity}`;
      li.dataset.rule = f.rule;
      if (f.cell) li.dataset.cell = f.cell;
      const sev = document.createElement("span");
      sev.className = "gk-sev";
      sev.textContent = this.words[f.severity];
      const el = f.cell && this.fields.get(f.cell);
      let text;
      if (el) {
        text = document.createElement("a");
        text.href = "#";
        text.addEventListener("click", (e) => {
          e.preventDefault();
          el.focus();
          el.scrollIntoView?.({ block: "center" });
        });
      } else {
        text = document.createElement("span");
      }
      text.textContent = f.message;
      li.append(sev, " ", text);
      ul.append(li);
    }
    s.append(ul);
  }

  submit(e) {
    if (!this.opts.blockSubmitOnError || !this.active) return;
    const outcome = this.validate();
    if (outcome.counts.error > 0) {
      e.preventDefault();
      const first = outcome.findings.find((f) => f.severity === "error" && this.fields.get(f.cell));
      this.summary.querySelector(".gk-summary-title").textContent = this.words.blocked;
      if (first) this.fields.get(first.cell).focus();
    }
  }
}

/** Every cell address of a form definition. */
function addresses(def) {
  const out = [];
  for (const t of def.tables) {
    for (const r of t.rows) {
      if (r.header) continue;
      for (const c of t.columns) {
        if (r.columns && !r.columns.includes(c.key)) continue;
        out.push(`${t.id}/${r.key}/${c.key}`);
      }
    }
  }
  return out;
}

/** A label as compared: NFKC (full-width brackets and colons), no spaces. */
export function norm(s) {
  return (s || "").normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "");
}

/**
 * Recognises the official tables by their Chinese labels when the inputs
 * carry no addresses: for each input, the labels to its left and above
 * (merged cells included) are matched against the form's row and column
 * labels and their variants; the nearest labels win, ties map nothing.
 */
export function recognise(root, def) {
  const names = (x) => [x.label, x.short, ...(x.aliases || [])].filter(Boolean).map(norm);
  const candidates = [];
  for (const t of def.tables) {
    for (const r of t.rows) {
      if (r.header) continue;
      for (const c of t.columns) {
        if (r.columns && !r.columns.includes(c.key)) continue;
        candidates.push({
          address: `${t.id}/${r.key}/${c.key}`,
          rows: names(r),
          groups: (r.group || []).map(norm),
          cols: names(c),
          single: t.layout === "single_row",
        });
      }
    }
  }
  const found = new Map();
  const taken = new Set();
  for (const table of root.querySelectorAll("table")) {
    const m = matrix(table);
    for (let r = 0; r < m.length; r++) {
      for (let c = 0; c < m[r].length; c++) {
        const cell = m[r][c];
        if (!cell || cell.r !== r || cell.c !== c || !cell.input) continue;
        const left = [];
        for (let k = c - 1; k >= 0; k--) {
          const x = m[r][k];
          if (x && !x.input && x.text && !left.includes(x.text)) left.push(x.text);
        }
        const above = [];
        for (let k = r - 1; k >= 0; k--) {
          const x = m[k][c];
          if (x && !x.input && x.text && !above.includes(x.text)) above.push(x.text);
        }
        let best = null;
        let tie = false;
        for (const k of candidates) {
          const rowAt = Math.min(...k.rows.map((n) => (k.single ? above : left).indexOf(n)).filter((i) => i >= 0));
          const colAt = Math.min(...k.cols.map((n) => above.indexOf(n)).filter((i) => i >= 0));
          if (!Number.isFinite(rowAt) || !Number.isFinite(colAt)) continue;
          if (k.single && rowAt <= colAt) continue;
          const context = k.single ? above : left;
          const groups = k.groups.filter((g) => context.includes(g)).length;
          const score = rowAt + colAt - groups * 0.1;
          if (!best || score < best.score) {
            best = { score, address: k.address };
            tie = false;
          } else if (score === best.score) {
            tie = true;
          }
        }
        if (best && !tie && !taken.has(best.address)) {
          taken.add(best.address);
          found.set(best.address, cell.input);
        }
      }
    }
  }
  return found;
}

/** A table as a matrix of its cells, merged cells at every position they cover. */
function matrix(table) {
  const m = [];
  [...table.rows].forEach((tr, r) => {
    m[r] = m[r] || [];
    let c = 0;
    for (const td of tr.cells) {
      while (m[r][c]) c++;
      const input = td.querySelector("input, textarea, select");
      const entry = { r, c, input, text: input ? "" : norm(td.textContent) };
      for (let dr = 0; dr < Math.max(1, td.rowSpan); dr++) {
        m[r + dr] = m[r + dr] || [];
        for (let dc = 0; dc < Math.max(1, td.colSpan); dc++) m[r + dr][c + dc] = entry;
      }
      c += Math.max(1, td.colSpan);
    }
  });
  return m;
}
