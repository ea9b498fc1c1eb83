/* Keeping on screen what someone is typing when a part of the page is swapped
 * (hx-preserve), so that nothing typed is ever lost; and the choice between texts when
 * someone else changed or deleted the element in the meantime.
 */
import { serialize } from "./caret.js";
import { saveNow, scheduleSave, send } from "./requests.js";
import { selectedKeys } from "./selection.js";
import { $, dirty, editor, rowOf, state, textOf, url } from "./state.js";
import { announce, flag, focusText, render, tell, unflag } from "./status.js";

// Keeping what is being typed: a row or footnote that has unsaved text or waits for a
// choice stays as it is when the part around it is swapped, and so does the one that
// holds the caret, unless it is a row and the answer is to this tab's own change. If
// the incoming one has another revision than the text kept, someone else changed it.
function held(box) {
  const key = box.dataset.key;
  return state.conflicts.has(key) || state.timers.has(box.id) || dirty(box)
    || (box.contains(document.activeElement) && (!state.heard.changed || !box.classList.contains("row")));
}

let caret = null; // the selection kept across a swap: [anchor node, offset, focus node, offset]

export function keepTypedText() {
  document.addEventListener("htmx:oobBeforeSwap", (event) => {
    const { fragment } = event.detail;
    const selection = window.getSelection();
    if (!caret && selection.rangeCount) {
      caret = [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset];
    }
    for (const incoming of fragment.querySelectorAll(".row[id], .footnote[id]")) {
      const box = $(incoming.id);
      if (!box) continue;
      const own = state.answering?.box === box.id; // the answer to a request that carried its text
      if (own) Object.assign(box.dataset, { saved: state.answering.text, revision: incoming.dataset.revision ?? "" });
      if (!held(box)) continue;
      if (!own && incoming.dataset.revision && incoming.dataset.revision !== box.dataset.revision) flag(box);
      if (incoming.parentNode === fragment) event.detail.shouldSwap = false;
      else incoming.setAttribute("hx-preserve", "");
    }
    if (event.detail.target.id === "outline") keepDeleted(fragment.querySelector("#outline"));
  });

  // A row kept across a swap keeps its caret too; rows swapped in afresh carry again what
  // this tab marks on them.
  editor.addEventListener("htmx:afterSwap", () => {
    if (caret?.[0].isConnected && caret[2].isConnected) {
      // Where moving an element loses its focus (no Element.moveBefore), give it back.
      const field = caret[2].parentElement?.closest(".text, .fn-text");
      if (field && document.activeElement === document.body) field.focus({ preventScroll: true });
      window.getSelection().setBaseAndExtent(...caret);
    }
    caret = null;
    rowOf(state.current)?.classList.add("current");
    for (const key of state.cut) rowOf(key)?.classList.add("cut");
    if (state.anchor) for (const key of selectedKeys()) rowOf(key)?.classList.add("selected");
  });
}

// A row being typed in that someone else deleted stays, where it was, until the person
// chooses what to do with the text (the save answers with the choices).
function keepDeleted(outline) {
  let previous = null;
  for (const box of document.querySelectorAll("#outline .row")) {
    const kept = outline.querySelector("#" + CSS.escape(box.id));
    if (kept || !held(box)) { previous = kept || previous; continue; }
    const stand = Object.assign(document.createElement("div"), { id: box.id });
    stand.setAttribute("hx-preserve", "");
    const item = Object.assign(document.createElement("li"), { className: "el" });
    item.append(stand);
    if (previous) previous.closest("li").after(item);
    else outline.prepend(item);
    previous = stand;
    if (!state.conflicts.has(box.dataset.key)) setTimeout(() => saveNow(box.id));
  }
}

// Conflicts: both texts, or who deleted the element; the person chooses. -------------

export function resolve(button) {
  const section = button.closest(".conflict");
  const row = section.closest(".row");
  const key = row.dataset.key;
  const text = textOf(key);
  const choice = button.dataset.choice;
  if (section.classList.contains("deleted")) { resolveDeleted(section, row, choice); return; }
  row.dataset.revision = section.dataset.revision;
  state.conflicts.delete(key);
  unflag(row);
  if (choice === "done") { section.remove(); focusText(key); render(); return; }
  if (choice === "mine") { section.remove(); row.dataset.saved = ""; saveNow(row.id); focusText(key); return; }
  const yours = section.querySelector(".yours").innerHTML;
  text.innerHTML = section.querySelector(".theirs").innerHTML;
  row.dataset.saved = serialize(text);
  const kept = choice === "merge"
    ? "Edit the text above into one; it is saved as you type. Your text stays here until you are done:"
    : "You took their text. Your text was not saved; it stays here until you dismiss it:";
  const sample = Object.assign(document.createElement("div"), { className: "yours text-sample" });
  sample.innerHTML = yours; // the server's own rendering of the text, as it sent it
  const done = Object.assign(document.createElement("button"), { type: "button", textContent: choice === "merge" ? "Done" : "Dismiss" });
  done.dataset.choice = "done";
  section.replaceChildren(Object.assign(document.createElement("p"), { textContent: kept }), sample, done);
  focusText(key);
  render();
}

function resolveDeleted(section, row, choice) {
  const key = row.dataset.key;
  const text = textOf(key);
  if (choice === "copy") {
    navigator.clipboard?.writeText(text.innerText).then(
      () => announce("Your text is copied: paste it where you want it."),
      () => tell("Your text could not be copied; select it and copy it yourself."));
    return;
  }
  const yours = text.innerHTML;
  state.conflicts.delete(key);
  clearTimeout(state.timers.get(row.id));
  state.timers.delete(row.id);
  if (choice === "discard") { row.closest("li").remove(); render(); return; }
  section.remove();
  row.dataset.saved = serialize(text); // the restored row replaces this one
  send(url("undo"), { token: section.dataset.undo }, {
    caret: { key },
    then: () => { const restored = textOf(key); if (restored) { restored.innerHTML = yours; scheduleSave(rowOf(key)); } },
  });
}
