// A module worker checking a report off the main thread: initSync with the
// module's bytes, then validate (for pages that check many reports).
import { initSync, validate } from "../src/gongkai.js";

let ready = null;
self.onmessage = async (e) => {
  ready ??= fetch(new URL("../pkg/gongkai_wasm_bg.wasm", import.meta.url))
    .then((r) => r.arrayBuffer())
    .then((bytes) => initSync(bytes));
  await ready;
  self.postMessage(validate(e.data, { lang: "zh-CN" }));
};
