/* Requests and saving.
 *
 * Requests, swaps and polling are htmx's. Every change is an htmx request from #editor,
 * whose hx-sync ("queue all") sends them one after another, so that a change never
 * overtakes the save before it; values that must be those of the moment a request leaves
 * the queue (the text typed so far, its revision, the change to undo) are getters, read
 * then (htmx reads a value several times: each getter keeps what it read first). The
 * answers are parts of the page marked to be swapped in out of band; what happened comes
 * as events from HX-Trigger (editor:saved, editor:changed, editor:refused, editor:paste,
 * editor:cursor), read by answers.js. The #live form asks for others' changes every three
 * seconds.
 */
import { unitsBefore } from "./caret.js";
import { clearSelection, selectedKeys } from "./selection.js";
import { $, boxOf, dirty, editor, keyOf, neighbour, rowOf, state, textNow, textOf, undoDeleteButton, url } from "./state.js";
import { clearMessages, hideNotice, render, tell } from "./status.js";

const SAVE_DELAY_MS = 600;
// Actions that take the rows selected with Shift+↑/↓ (``keys``) as one change.
const SEVERAL = new Set(["indent", "outdent", "move-up", "move-down", "bracket", "unbracket", "delete"]);

export function send(path, values, about = {}) {
  state.requests.set(values, about);
  state.pending += 1;
  render();
  // Failures are said by the htmx:sendError and htmx:beforeSwap listeners (answers.js).
  htmx.ajax("POST", path, { source: editor, values, swap: "none settle:0ms" }).catch(() => {});
}

export function saveNow(id) {
  clearTimeout(state.timers.get(id));
  state.timers.delete(id);
  const box = $(id);
  if (!box) { render(); return; }
  const key = box.dataset.key;
  const note = box.classList.contains("footnote");
  const about = { box: id, keepCaret: note, skip: () => !$(id) || state.conflicts.has(key) || about.text === $(id).dataset.saved };
  const values = {
    get text() { return (about.text ??= textNow(id)); },
    get revision() { return $(id)?.dataset.revision ?? ""; },
  };
  send(note ? url("footnote", key) : url("element", key, "text"), values, about);
}

export function scheduleSave(box) {
  clearTimeout(state.timers.get(box.id));
  state.timers.set(box.id, setTimeout(() => saveNow(box.id), SAVE_DELAY_MS));
  hideNotice();
  render();
}

// Pending text first, so that the change queued next is made on it.
export function flush() {
  for (const id of Array.from(state.timers.keys())) saveNow(id);
  const box = boxOf(document.activeElement);
  if (state.unsaved && box && dirty(box)) saveNow(box.id);
}

// After the change the caret goes where the server says, else back where it was (else
// to the element before it, if the change took this one away).
export function change(action, data = {}, key = state.current, caret = { key, units: unitsBefore(textOf(key)) }) {
  if (!key || !rowOf(key)) { tell("Put the cursor in a paragraph first."); return; }
  flush();
  clearMessages();
  hideNotice();
  const keys = selectedKeys();
  if (keys.length > 1 && SEVERAL.has(action) && !data.keys) data.keys = keys;
  clearSelection();
  caret.near = keyOf(neighbour(textOf(key), -1) ?? neighbour(textOf(key), 1));
  send(url("element", key, action), data, { caret });
}

export function undo(kind) {
  flush();
  const stack = kind === "redo" ? state.redos : state.undos;
  if (!stack.length && !state.pending) { tell(`There is nothing to ${kind} in this tab.`); return; }
  clearMessages();
  const about = { undo: kind, caret: { key: state.current, units: unitsBefore(textOf(state.current)) } };
  about.skip = () => {
    if (!about.token) tell(`There is nothing to ${kind} in this tab.`);
    return !about.token;
  };
  send(url("undo"), { get token() { return (about.token ??= stack.pop() || ""); } }, about);
}

export function undoDeletion() {
  if (!state.lastDeletion) return;
  const token = state.lastDeletion;
  state.lastDeletion = "";
  undoDeleteButton.disabled = true;
  hideNotice();
  const at = state.undos.indexOf(token);
  if (at >= 0) state.undos.splice(at, 1);
  send(url("undo"), { token }, { undo: "undo", caret: { key: state.current } });
}

