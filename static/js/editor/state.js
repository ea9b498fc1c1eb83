/* What the editor's modules share: the page's parts, the state of this tab's editing,
 * and how to find a row, its text and its neighbours in the outline.
 *
 * The state is one object, changed in place by every module, so that none holds a copy of
 * its own that could drift from the others'. Nothing here talks to the server.
 */
import { serialize } from "./caret.js";

export const $ = (id) => document.getElementById(id);
export const editor = $("editor");

const ZERO = "00000000-0000-0000-0000-000000000000";
export const url = (name, key = ZERO, action = "") =>
  editor.dataset[name + "Url"].replace(ZERO, key).replace("ACTION", action);

export const live = $("live");
export const saveState = $("save-state");
export const messages = $("editor-messages");
export const notice = $("notice");
export const panel = $("side-panel");
export const undoDeleteButton = editor?.querySelector('[data-op="undo-delete"]');

export const state = {
  current: null, // key of the element the caret is (or was last) in
  timers: new Map(), // id of a row or footnote → its pending save
  conflicts: new Set(), // keys whose text waits for the person to choose
  requests: new WeakMap(), // values of a request → what it is for
  pending: 0, // requests sent and not yet answered
  unsaved: false, // a save that did not reach the server
  heard: {}, // what the answer being handled said (its HX-Trigger events)
  answering: null, // what the request being answered is for
  undos: [],
  redos: [],
  lastDeletion: "",
  noticeTimer: 0,
  cut: [], // keys cut with Ctrl+X, waiting for Ctrl+V
  anchor: null, // rows selected with Shift+↑/↓: from anchor to head
  head: null,
};

export const rowOf = (key) => $("row-" + key);
export const textOf = (key) => rowOf(key)?.querySelector(".text");
export const texts = () => Array.from(document.querySelectorAll("#outline .text"));
export const keyOf = (node) => node?.closest?.(".row")?.dataset.key;
export const boxOf = (node) => node?.closest?.(".row, .footnote");
const editable = (box) => box?.querySelector(".text, .fn-text");
export const childrenOf = (key) => rowOf(key)?.closest("li").querySelector(":scope > ol > li");

export const textNow = (id) => { const el = editable($(id)); return el ? serialize(el) : ""; };
export const dirty = (box) => box?.dataset.saved !== undefined && textNow(box.id) !== box.dataset.saved;

export function neighbour(textEl, step) {
  const list = texts();
  return list[list.indexOf(textEl) + step];
}
