// The shared golden cases (tests/cases/*/), read in Node, and the function
// that runs them through a gongkai package — in Node or, passed as source
// text, in a browser page. Expected outcomes compare byte for byte:
// JSON.stringify of what the package returns against the compact form of
// expected.json (the core's own JSON, whose keys are in the same order).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** Every case folder with a case.json, sorted, with its files' text. */
export function loadCases(root) {
  const dir = join(root, "tests/cases");
  const read = (...p) => readFileSync(join(...p), "utf8");
  const maybe = (...p) => (existsSync(join(...p)) ? read(...p) : null);
  return readdirSync(dir)
    .sort()
    .filter((name) => existsSync(join(dir, name, "case.json")))
    .map((name) => {
      const meta = JSON.parse(read(dir, name, "case.json"));
      return {
        name,
        fires: meta.fires,
        input: meta.input ? readFileSync(resolve(root, meta.input), "utf8") : null,
        report: meta.input ? null : read(dir, name, "report.json"),
        prev: maybe(dir, name, "prev.json"),
        expected: read(dir, name, "expected.json"),
        expectedEn: maybe(dir, name, "expected.en.json"),
      };
    });
}

/**
 * Runs every case through `api` (the package's exports); returns
 * {runs, failures}. Self-contained: a browser page gets it as source text.
 */
export function runCases(api, cases) {
  let runs = 0;
  const failures = [];
  const describe = (e) => `${e && e.name}${e && e.code ? ` [${e.code}]` : ""}: ${e && e.message}`;
  for (const c of cases) {
    let report;
    try {
      report = c.input !== null ? api.parse(c.input) : JSON.parse(c.report);
    } catch (e) {
      failures.push(`${c.name}: parse threw ${describe(e)}`);
      continue;
    }
    const prev = c.prev === null ? null : JSON.parse(c.prev);
    for (const [lang, expected] of [["zh-CN", c.expected], ["en", c.expectedEn]]) {
      if (expected === null) continue;
      const want = JSON.stringify(JSON.parse(expected));
      const check = (how, f) => {
        runs += 1;
        let got;
        try {
          got = JSON.stringify(f());
        } catch (e) {
          failures.push(`${c.name} (${lang}, ${how}): threw ${describe(e)}`);
          return;
        }
        if (got !== want) {
          failures.push(`${c.name} (${lang}, ${how}):\n--- expected\n${want}\n--- got\n${got}`);
        }
      };
      const options = prev === null ? { lang } : { lang, previous: prev };
      check("validate(object)", () => api.validate(report, options));
      if (c.report !== null) check("validate(JSON text)", () => api.validate(c.report, options));
      if (prev !== null) check("validatePair", () => api.validatePair(prev, report, { lang }));
    }
    const rules = [...new Set(
      api.validate(report, prev === null ? {} : { previous: prev }).findings.map((f) => f.rule),
    )].sort();
    const fires = [...c.fires].sort();
    if (JSON.stringify(rules) !== JSON.stringify(fires)) {
      failures.push(`${c.name}: rules ${rules} vs case.json fires ${fires}`);
    }
  }
  // Misuse throws a GongkaiError with a code; the module answers afterwards.
  for (const [arg, code] of [[42, "usage"], [undefined, "usage"], ["{oops", "json"], ["[]", "json"]]) {
    runs += 1;
    try {
      api.validate(arg);
      failures.push(`validate(${String(arg)}) did not throw`);
    } catch (e) {
      if (!(e instanceof Error) || e.name !== "GongkaiError" || e.code !== code) {
        failures.push(`validate(${String(arg)}) threw ${describe(e)}, not a GongkaiError [${code}]`);
      }
    }
  }
  runs += 1;
  const ids = api.forms().map((f) => f.id).join(",");
  if (ids !== "legacy,2019,2021") failures.push(`forms(): ${ids}`);
  return { runs, failures };
}
