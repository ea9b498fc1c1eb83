/* Structure and text: new paragraphs, joins, brackets, cut and paste of whole elements,
 * and the Move to… dialog. Each change is sent by change().
 */
import { caretAt, serialize, tailAfterCaret, unitsOf } from "./caret.js";
import { change, saveNow, scheduleSave } from "./requests.js";
import { clearSelection, selectedKeys } from "./selection.js";
import { $, childrenOf, keyOf, neighbour, rowOf, state, textOf } from "./state.js";
import { announce, focusText, render, tell } from "./status.js";

// Enter: a new paragraph after this one, holding the text after the caret if any.
export function newParagraph(textEl) {
  const key = keyOf(textEl);
  const tail = rowOf(key).dataset.kind === "paragraph" ? tailAfterCaret(textEl) : "";
  if (!tail) { change("add-paragraph"); return; }
  scheduleSave(rowOf(key));
  change("add-paragraph", { text: tail }, key, { atStart: true });
}

// Backspace at the start joins the paragraph to the one above, Delete at the end the one
// below to this; in an empty bullet with nothing under it, either removes the bullet.
export function joinOrRemove(textEl, forward) {
  const key = keyOf(textEl);
  if (rowOf(key).dataset.kind !== "paragraph" || !caretAt(textEl, forward)) return false;
  const other = neighbour(textEl, forward ? 1 : -1);
  if (!serialize(textEl).trim() && !childrenOf(key)) {
    change("delete", {}, key, other ? { key: keyOf(other), atStart: forward } : { key });
  } else if (forward) {
    if (!other) return false;
    change("join", {}, keyOf(other), { key, units: unitsOf(textEl) });
  } else {
    change("join", {}, key, other ? { key: keyOf(other), units: unitsOf(other) } : { key });
  }
  return true;
}

// Brackets: the selection if there is one, else the whole text (on the server).
export function bracket(remove) {
  const textEl = textOf(state.current);
  const selection = window.getSelection();
  const inside = textEl && selection.rangeCount && !selection.isCollapsed && !state.anchor
    && textEl.contains(selection.anchorNode) && textEl.contains(selection.focusNode);
  if (!inside) { change(remove ? "unbracket" : "bracket"); return; }
  const range = selection.getRangeAt(0);
  if (remove) {
    const contents = range.extractContents();
    const walker = document.createTreeWalker(contents, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) walker.currentNode.data = walker.currentNode.data.replace(/[[\]]/g, "");
    range.insertNode(contents);
  } else {
    const end = range.cloneRange();
    end.collapse(false);
    end.insertNode(document.createTextNode("]"));
    range.insertNode(document.createTextNode("["));
  }
  textEl.normalize();
  saveNow(rowOf(state.current).id);
}

// Cut and paste of whole elements: Ctrl+X marks them, Ctrl+V moves them after the
// element the caret is in (first in an agenda item), keeping their lineage keys.
export function cutElements() {
  state.cut = selectedKeys();
  clearSelection();
  for (const key of state.cut) rowOf(key)?.classList.add("cut");
  announce(`${state.cut.length === 1 ? "1 element" : state.cut.length + " elements"} cut. Put the cursor where `
    + "it goes and press Ctrl+V to move it after that element; Escape cancels.");
  render();
}

export function clearCut() {
  for (const row of document.querySelectorAll("#outline .row.cut")) row.classList.remove("cut");
  state.cut = [];
}

export function pasteElements() {
  const { current } = state;
  const moving = state.cut.filter(rowOf);
  clearCut();
  if (!moving.length || moving.includes(current) || !rowOf(current)) { tell("Put the cursor in another element to paste what you cut after it."); return; }
  let [target, placement] = [current, "after"];
  const items = moving.every((key) => rowOf(key).dataset.kind === "agenda_item");
  if (rowOf(current).dataset.kind === "agenda_item" && !items) {
    const first = childrenOf(current)?.querySelector(".row");
    [target, placement] = first ? [first.dataset.key, "before"] : [current, "inside"];
  }
  change("move", { target, placement, keys: moving }, moving[0], { key: moving[moving.length - 1] });
}

// Move to…: an agenda item or heading chosen by name. A paragraph or heading goes first
// below a heading, or last in an agenda item; an agenda item goes after the one chosen.
const moveDialog = $("move-dialog");
const moveFilter = $("move-filter");
const moveTargets = $("move-targets");

export function moveTo() {
  if (!rowOf(state.current)) { tell("Put the cursor in the element to move first."); return; }
  const moving = selectedKeys();
  const items = rowOf(moving[0]).dataset.kind === "agenda_item";
  const choices = Array.from(document.querySelectorAll("#outline .row"))
    .filter((row) => !moving.includes(row.dataset.key))
    .filter((row) => row.dataset.kind === "agenda_item" || (!items && row.dataset.kind === "heading"))
    .map((row) => {
      const option = new Option(`${row.dataset.kind === "heading" ? "    " : ""}${row.querySelector(".designation")?.textContent ?? ""} ${row.querySelector(".text").textContent}`.trimEnd(), row.dataset.key);
      option.dataset.kind = row.dataset.kind;
      return option;
    });
  moveTargets.replaceChildren(...choices);
  moveFilter.value = "";
  filterTargets();
  moveDialog.returnValue = "";
  moveDialog.onclose = () => {
    const option = moveTargets.selectedOptions[0];
    if (moveDialog.returnValue !== "move" || !option || option.hidden) { focusText(state.current); return; }
    const placement = items ? "after" : option.dataset.kind === "heading" ? "after" : "inside";
    change("move", { target: option.value, placement, keys: moving }, moving[0], { key: moving[moving.length - 1] });
  };
  moveDialog.showModal();
}

function filterTargets() {
  const words = moveFilter.value.trim().toLowerCase();
  const options = Array.from(moveTargets.options);
  for (const option of options) option.hidden = !option.text.toLowerCase().includes(words);
  const shown = options.filter((option) => !option.hidden);
  if (!shown.includes(moveTargets.selectedOptions[0])) moveTargets.value = shown[0]?.value ?? "";
}

export function listenToMoveFilter() {
  moveFilter.addEventListener("input", filterTargets);
  moveFilter.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const shown = Array.from(moveTargets.options).filter((option) => !option.hidden);
    const at = shown.indexOf(moveTargets.selectedOptions[0]) + (event.key === "ArrowDown" ? 1 : -1);
    if (shown[at]) moveTargets.value = shown[at].value;
  });
}
