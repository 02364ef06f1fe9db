// Type-checked (tsc --strict, by scripts/test-web) against the package's
// declarations: what a portal developer writes must compile, misuse must not.
import {
  attach,
  init,
  parse,
  render,
  validate,
  type Attachment,
  type Finding,
  type Outcome,
  type RuleId,
} from "../src/gongkai.js";

export async function example(form: HTMLFormElement): Promise<string> {
  await init();
  const report = parse("<table>…</table>");
  const outcome: Outcome = validate(report, { lang: "en" });
  const counted: Record<string, number> = {};
  for (const f of outcome.findings) counted[f.rule] = (counted[f.rule] ?? 0) + 1;
  const sums: RuleId = "T3-2";
  console.log(counted[sums]);
  const att: Attachment = await attach(form, { form: "2021", lang: "zh-CN", blockSubmitOnError: true });
  form.addEventListener("gongkai:findings", (e) => console.log(e.detail.counts.error));
  const first: Finding | undefined = att.findings[0];
  return render(report, { format: "html", findings: outcome.findings, page: false }) + (first?.message ?? "");
}

// @ts-expect-error: not a rule id
export const wrong: RuleId = "T3-99";
// @ts-expect-error: no such render format
export const badFormat = () => render({ cells: {} }, { format: "pdf" });
// @ts-expect-error: the language is zh-CN or en
export const badLang = () => validate({ cells: {} }, { lang: "fr" });
