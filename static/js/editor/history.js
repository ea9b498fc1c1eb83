/* The history panel of an element, fetched and swapped in by htmx.
 */
import { editor, panel, state, url } from "./state.js";
import { focusText } from "./status.js";

export function openHistory() {
  if (!state.current) return;
  panel.hidden = false;
  htmx.ajax("GET", url("history", state.current), { source: editor, target: "#side-panel", swap: "innerHTML settle:0ms" });
}

export function listenToHistoryPanel() {
  panel.addEventListener("htmx:afterSwap", () => panel.querySelector("h2")?.focus());
  panel.addEventListener("click", (event) => {
    if (!event.target.closest("[data-close-panel]")) return;
    panel.hidden = true;
    panel.replaceChildren();
    focusText(state.current);
  });
}
