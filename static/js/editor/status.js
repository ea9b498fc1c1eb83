/* Saying how things stand: whether everything is saved, what went wrong, what someone
 * else changed, and where the caret goes. Nothing here talks to the server.
 */
import { placeCaret } from "./caret.js";
import { $, editor, messages, notice, saveState, state, textOf } from "./state.js";

export function render() {
  let words = "All changes saved";
  if (state.conflicts.size) words = "Not saved: choose a text";
  else if (state.unsaved) words = "Not saved";
  else if (state.timers.size || state.pending) words = "Saving…";
  saveState.textContent = words;
  saveState.classList.toggle("unsaved", words.startsWith("Not saved"));
}

export function tell(words) {
  const problem = Object.assign(document.createElement("div"), { className: "problem" });
  problem.setAttribute("role", "alert");
  problem.append(Object.assign(document.createElement("p"), { textContent: words }));
  messages.replaceChildren(problem);
}

export function clearMessages() {
  messages.replaceChildren();
  for (const problem of editor.querySelectorAll(".editor-body .problem")) problem.remove();
}

export const announce = (words) => { $("announce").textContent = words; };

export function trouble(status) {
  if (!status) return "The server could not be reached. Nothing you typed is lost: it is saved with your next change.";
  if (status === 403) return "The server refused this: you may no longer edit this draft. Reload the page.";
  if (status === 404) return "What you changed is no longer in the draft. Reload the page to see it as it is now.";
  return `The server could not do this (error ${status}). Nothing you typed is lost; try again, or reload the page.`;
}

export function hideNotice() {
  clearTimeout(state.noticeTimer);
  notice.hidden = true;
  notice.replaceChildren();
}

// The caret into an element's text: at its start, after ``units``, or at its end.
export function focusText(key, caret = {}) {
  const el = key && textOf(key);
  if (!el) return;
  el.focus();
  placeCaret(el, caret.atStart ? 0 : caret.units ?? Infinity);
  el.scrollIntoView({ block: "nearest" });
}

export function flag(box) {
  if (!box.classList.contains("row") || box.querySelector(".elsewhere-note, .conflict")) return;
  box.classList.add("changed-elsewhere");
  const note = Object.assign(document.createElement("p"), {
    className: "elsewhere-note",
    textContent: "Someone else has just changed this text. Keep typing: when it is saved you will see both texts and choose.",
  });
  note.setAttribute("role", "status");
  box.append(note);
}

export function unflag(box) {
  box.classList.remove("changed-elsewhere");
  box.querySelector(".elsewhere-note")?.remove();
}
