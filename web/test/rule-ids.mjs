// The RuleId union in the package's TypeScript declarations (written in
// crates/gongkai-wasm) must be exactly the rule ids of the core: the list
// `gongkai rules` prints. Fails when a rule is added or renamed without it.
//
//   node web/test/rule-ids.mjs [PKG_DIR]
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = resolve(process.argv[2] ?? resolve(root, "web/pkg"));
const dts = readFileSync(resolve(pkg, "gongkai_wasm.d.ts"), "utf8");
const union = dts.match(/export type RuleId =([^;]*);/);
assert.ok(union, "pkg/gongkai_wasm.d.ts declares RuleId");
const declared = [...union[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
const rules = JSON.parse(
  execFileSync("cargo", ["run", "-q", "--locked", "-p", "gongkai-cli", "--", "rules", "--format", "json"], {
    cwd: root,
    encoding: "utf8",
  }),
);
const core = [...new Set(rules.map((r) => r.rule))].sort();
assert.deepEqual(declared, core, "RuleId in crates/gongkai-wasm/src/lib.rs = the core's rule ids");
console.log(`RuleId: ${declared.length} rule ids, the same as the core's`);
