// The demo portal's own script: attach gongkai to its report form.
import { attach } from "../src/gongkai.js";

const form = document.getElementById("report-form");
const year = Number(form.elements.year.value) || undefined;
const attachment = await attach(form, { form: "2021", lang: "zh-CN", year, blockSubmitOnError: true });
// For the end-to-end test and for a curious clerk's console.
window.gongkai = attachment;
document.documentElement.dataset.gongkai = attachment.active ? "ready" : "unavailable";

form.addEventListener("submit", (e) => {
  if (e.defaultPrevented) return; // gongkai blocked it: the tables have errors
  e.preventDefault(); // the demo has no server
  document.getElementById("submitted").hidden = false;
});
