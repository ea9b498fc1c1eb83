/* Footnotes (the dialog, the calls in the text and the pane's numbers) and paste.
 */
import { markerBeforeCaret, placeCaret, select } from "./caret.js";
import { flush, send } from "./requests.js";
import { $, boxOf, editor, rowOf, state, textNow, textOf, url } from "./state.js";
import { clearMessages, focusText, tell } from "./status.js";

const footnoteDialog = $("footnote-dialog");
const footnoteText = $("footnote-text");

export function footnote() {
  const key = state.current;
  const textEl = textOf(key);
  if (!textEl) { tell("Put the cursor where the footnote belongs first."); return; }
  const selection = window.getSelection();
  const range = selection.rangeCount && textEl.contains(selection.anchorNode) ? selection.getRangeAt(0).cloneRange() : null;
  const marker = markerBeforeCaret(textEl);
  footnoteText.value = marker ? (marker.title || "").replace(/^Footnote: /, "") : "";
  $("footnote-remove").hidden = !marker;
  $("footnote-dialog-title").textContent = marker ? "Edit the footnote" : "Add a footnote at the cursor";
  footnoteDialog.returnValue = "";
  footnoteDialog.onclose = () => {
    const choice = footnoteDialog.returnValue;
    const text = footnoteText.value.trim();
    if (choice === "save" && !marker) { addFootnote(key, textEl, range, text); return; }
    if (choice === "save" || choice === "remove") {
      flush();
      send(url("footnote", marker.dataset.key), choice === "save" ? { text } : { remove: "1" }, { caret: { key } });
      return;
    }
    focusText(key);
  };
  footnoteDialog.showModal();
}

function addFootnote(key, textEl, range, text) {
  clearTimeout(state.timers.get("row-" + key));
  state.timers.delete("row-" + key);
  flush();
  const marker = document.createElement("fn-ref");
  marker.dataset.key = newKey();
  marker.contentEditable = "false";
  marker.title = "Footnote: " + text;
  if (range) { range.collapse(false); range.insertNode(marker); } else { textEl.append(marker); }
  const about = { box: "row-" + key, caret: { key }, marker };
  send(url("element", key, "add-footnote"), {
    get text() { return (about.text ??= textNow(about.box)); },
    get revision() { return rowOf(key)?.dataset.revision ?? ""; },
    key: marker.dataset.key,
    footnote: text,
  }, about);
}

// A lineage key for a new footnote (crypto.randomUUID needs a secure context).
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
    (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
}

// A call goes to its footnote in the pane; a footnote's number goes to its call.
export function goToFootnote(marker) {
  const text = $("fn-" + marker.dataset.key)?.querySelector(".fn-text");
  if (!text) return;
  text.focus();
  placeCaret(text, Infinity);
  text.scrollIntoView({ block: "nearest" });
}

export function goToCall(key) {
  const marker = document.querySelector(`#outline fn-ref[data-key="${CSS.escape(key)}"]`);
  const text = marker?.closest(".text");
  if (!text) return;
  text.focus();
  const range = document.createRange();
  range.setStartAfter(marker);
  range.collapse(true);
  select(range);
  text.scrollIntoView({ block: "nearest" });
}

// After typing took a call out (or undid that), number the footnotes again as the
// outline's calls are numbered, those no text calls any more without a number.
export function renumberFootnotes() {
  let number = 0;
  for (const note of document.querySelectorAll("#footnotes .footnote")) {
    const called = document.querySelector(`#outline fn-ref[data-key="${CSS.escape(note.dataset.key)}"]`);
    note.classList.toggle("orphan", !called);
    note.querySelector(".fn-number").textContent = called ? String((number += 1)) : "–";
  }
}

export function listenToFootnotesAndPaste() {
  // Enter saves the footnote; Shift+Enter starts a new line.
  footnoteText.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    footnoteDialog.querySelector("form").requestSubmit(footnoteDialog.querySelector('button[value="save"]'));
  });

  // Paste: a piece of a paragraph goes in at the caret; paragraphs, lists and footnotes
  // (from Word, a web page, lines of text) go in after this element, read by the server.
  editor.addEventListener("paste", (event) => {
    const box = boxOf(event.target);
    if (!box) return;
    event.preventDefault();
    const html = event.clipboardData.getData("text/html");
    const text = event.clipboardData.getData("text/plain");
    if (box.classList.contains("footnote") || (!html && !text.trim().includes("\n"))) {
      document.execCommand("insertText", false, text.replace(/\s+/g, " "));
      return;
    }
    const key = box.dataset.key;
    const selection = window.getSelection();
    const range = selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    flush();
    clearMessages();
    send(url("paste", key), html ? { html } : { text }, { caret: { key }, range });
  });
}

export function insertPasted(about, html) {
  const text = textOf(about.caret.key);
  if (!text) return;
  text.focus();
  if (about.range && text.contains(about.range.startContainer)) select(about.range);
  else placeCaret(text, Infinity);
  document.execCommand("insertHTML", false, html); // sanitised by the server
}
