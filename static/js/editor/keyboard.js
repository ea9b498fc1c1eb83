/* Typing, focus and the keyboard: what a key, a click or a toolbar button does.
 */
import { caretAt, serialize } from "./caret.js";
import { footnote, goToCall, goToFootnote } from "./footnotes.js";
import { openHistory } from "./history.js";
import { resolve } from "./keeping.js";
import { change, flush, saveNow, scheduleSave, undo, undoDeletion } from "./requests.js";
import { clearSelection, extendSelection, selectedKeys } from "./selection.js";
import { $, boxOf, editor, keyOf, neighbour, rowOf, state, textOf } from "./state.js";
import { announce, clearMessages, focusText } from "./status.js";
import { bracket, clearCut, cutElements, joinOrRemove, moveTo, newParagraph, pasteElements } from "./structure.js";

const OPERATIONS = {
  "add-paragraph": () => change("add-paragraph"),
  "add-placeholder": () => change("add-placeholder"),
  "add-agenda-item": () => change("add-agenda-item"),
  indent: () => change("indent"),
  outdent: () => change("outdent"),
  "move-up": () => change("move-up"),
  "move-down": () => change("move-down"),
  "move-to": moveTo,
  "toggle-heading": () => change("toggle-heading"),
  bracket: () => bracket(false),
  unbracket: () => bracket(true),
  footnote,
  undo: () => undo("undo"),
  redo: () => undo("redo"),
  delete: () => {
    const keys = selectedKeys();
    const near = neighbour(textOf(keys[0]), -1) ?? neighbour(textOf(keys[keys.length - 1]), 1);
    change("delete", {}, state.current, { key: keyOf(near) });
  },
  "undo-delete": undoDeletion,
  history: openHistory,
  help: () => $("keyboard-help").showModal(),
};

function run(op) {
  clearMessages();
  OPERATIONS[op]?.();
}

// [Alt?, Shift?, code] → operation
const SHORTCUTS = [
  [true, false, "ArrowUp", "move-up"], [true, false, "ArrowDown", "move-down"],
  [true, false, "KeyH", "toggle-heading"], [true, true, "KeyH", "history"],
  [true, false, "KeyA", "add-agenda-item"], [true, false, "KeyP", "add-placeholder"],
  [true, false, "KeyB", "bracket"], [true, true, "KeyB", "unbracket"],
  [true, false, "KeyN", "footnote"], [true, false, "Delete", "delete"],
  [true, false, "KeyZ", "undo-delete"], [true, false, "Slash", "help"], [true, false, "KeyM", "move-to"],
];

// Ctrl (⌘) with a letter: undo and redo anywhere in the editor; cut and paste of whole
// elements in the outline when no text is selected. True when it was one of those.
function withControl(event, textEl) {
  const letter = event.key.toLowerCase();
  if (letter === "z" || letter === "y") { run(letter === "y" || event.shiftKey ? "redo" : "undo"); return true; }
  if (!textEl || event.shiftKey) return false;
  if (letter === "x" && (state.anchor || window.getSelection().isCollapsed)) { cutElements(); return true; }
  if (letter === "v" && state.cut.length) { pasteElements(); return true; }
  return false;
}

function onKeydown(event) {
  if (document.querySelector("dialog[open]") || !editor.contains(event.target) && event.target !== document.body) return;
  const textEl = event.target.closest?.("#outline .text");
  if ((event.ctrlKey || event.metaKey) && !event.altKey) {
    if (withControl(event, textEl)) event.preventDefault();
    return;
  }
  const shortcut = SHORTCUTS.find(([alt, shift, code]) => alt === event.altKey && shift === event.shiftKey && code === event.code);
  // In a footnote or the history, the outline's shortcuts would act out of sight.
  const aside = event.target.closest?.("#footnotes, #side-panel");
  if (shortcut && (!aside || shortcut[3] === "help")) { event.preventDefault(); run(shortcut[3]); return; }
  if (event.target.closest?.(".fn-text") && event.key === "Enter") { event.preventDefault(); return; }
  if (!textEl || event.altKey) return;
  const vertical = event.key === "ArrowUp" || event.key === "ArrowDown";
  const down = event.key === "ArrowDown";
  if (event.key === "Escape") {
    event.preventDefault();
    if (state.cut.length || state.anchor) { clearCut(); clearSelection(); announce("Cancelled."); return; }
    editor.querySelector(".toolbar button:not([disabled])").focus();
    return;
  }
  if (vertical && event.shiftKey && (state.anchor || caretAt(textEl, down, true))) { event.preventDefault(); extendSelection(down); return; }
  if (event.key === "Tab") { event.preventDefault(); run(event.shiftKey ? "outdent" : "indent"); return; }
  if (!["Shift", "Control", "Meta", "Alt"].includes(event.key)) clearSelection();
  if (event.key === "Enter") { event.preventDefault(); if (!event.shiftKey) newParagraph(textEl); return; }
  if ((event.key === "Backspace" || event.key === "Delete") && !event.shiftKey) {
    if (joinOrRemove(textEl, event.key === "Delete")) event.preventDefault();
    return;
  }
  if (vertical && !event.shiftKey && caretAt(textEl, down)) {
    const next = neighbour(textEl, down ? 1 : -1);
    if (next) { event.preventDefault(); focusText(keyOf(next), { atStart: down }); }
  }
}

// The toolbar is one stop for Tab; the arrow keys move along it (WAI-ARIA toolbar).
function listenToToolbarKeys() {
  const tools = Array.from(editor.querySelectorAll(".toolbar button"));
  tools.forEach((tool, index) => { tool.tabIndex = index === 0 ? 0 : -1; });
  editor.querySelector(".toolbar").addEventListener("keydown", (event) => {
    const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const enabled = tools.filter((tool) => !tool.disabled);
    let index = enabled.indexOf(document.activeElement) + moves[event.key];
    index = Math.max(0, Math.min(enabled.length - 1, Number.isFinite(index) ? index : (moves[event.key] < 0 ? 0 : enabled.length - 1)));
    tools.forEach((tool) => { tool.tabIndex = -1; });
    enabled[index].tabIndex = 0;
    enabled[index].focus();
  });
}

export function listenToTypingAndKeys() {
  editor.addEventListener("focusin", (event) => {
    const box = boxOf(event.target);
    if (!box || !event.target.matches(".text, .fn-text")) return;
    if (box.dataset.saved === undefined) box.dataset.saved = serialize(event.target);
    if (!box.classList.contains("row")) return;
    if (state.current && rowOf(state.current)) rowOf(state.current).classList.remove("current");
    state.current = box.dataset.key;
    box.classList.add("current");
  });

  editor.addEventListener("focusout", (event) => {
    const box = boxOf(event.target);
    if (box && state.timers.has(box.id)) saveNow(box.id);
  });

  editor.addEventListener("input", (event) => {
    if (event.target.matches?.(".text, .fn-text")) scheduleSave(boxOf(event.target));
  });

  editor.addEventListener("click", (event) => {
    const choice = event.target.closest?.("[data-choice]");
    if (choice) { resolve(choice); return; }
    const marker = event.target.closest?.("#outline fn-ref");
    if (marker) { goToFootnote(marker); return; }
    const number = event.target.closest?.("#footnotes [data-call]");
    if (number) { event.preventDefault(); goToCall(number.dataset.call); return; }
    const button = event.target.closest?.(".toolbar [data-op]");
    if (button) run(button.dataset.op);
    if (event.target.closest?.("#outline")) clearSelection();
  });

  document.addEventListener("keydown", onKeydown);
  listenToToolbarKeys();

  window.addEventListener("beforeunload", (event) => {
    if (state.timers.size || state.conflicts.size || state.pending) { flush(); event.preventDefault(); }
  });
}
