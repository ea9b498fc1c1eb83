/* The outline editor of the working draft.
 *
 * Requests, swaps and polling are htmx's. Every change is an htmx request from #editor,
 * whose hx-sync ("queue all") sends them one after another, so that a change never
 * overtakes the save before it; values that must be those of the moment a request leaves
 * the queue (the text typed so far, its revision, the change to undo) are getters, read
 * then (htmx reads a value several times: each getter keeps what it read first). The
 * answers are parts of the page marked to be swapped in out of band; what happened comes
 * as events from HX-Trigger (editor:saved, editor:changed, editor:refused, editor:paste,
 * editor:cursor). The #live form asks for others' changes every three seconds.
 *
 * Written here by hand: the keyboard, the dialogs and the undo stack (the caret and the
 * text of an element are caret.js's); and keeping on screen what someone is typing when a
 * part of the page is swapped (hx-preserve), so that nothing typed is ever lost.
 */
import {
  caretAt, markerBeforeCaret, placeCaret, select, serialize, tailAfterCaret, unitsBefore, unitsOf,
} from "./caret.js";

const editor = document.getElementById("editor");
if (editor && window.htmx) start();

function start() {
  const $ = (id) => document.getElementById(id);
  const ZERO = "00000000-0000-0000-0000-000000000000";
  const SAVE_DELAY_MS = 600;
  const NOTICE_MS = 8000;
  // Actions that take the rows selected with Shift+↑/↓ (``keys``) as one change.
  const SEVERAL = new Set(["indent", "outdent", "move-up", "move-down", "bracket", "unbracket", "delete"]);
  const url = (name, key = ZERO, action = "") =>
    editor.dataset[name + "Url"].replace(ZERO, key).replace("ACTION", action);
  const live = $("live");
  const saveState = $("save-state");
  const messages = $("editor-messages");
  const notice = $("notice");
  const panel = $("side-panel");
  const undoDeleteButton = editor.querySelector('[data-op="undo-delete"]');

  let current = null; // key of the element the caret is (or was last) in
  const timers = new Map(); // id of a row or footnote → its pending save
  const conflicts = new Set(); // keys whose text waits for the person to choose
  const requests = new WeakMap(); // values of a request → what it is for
  let pending = 0; // requests sent and not yet answered
  let unsaved = false; // a save that did not reach the server
  let heard = {}; // what the answer being handled said (its HX-Trigger events)
  let answering = null; // what the request being answered is for
  const undos = [];
  const redos = [];
  let lastDeletion = "";
  let noticeTimer = 0;
  let cut = []; // keys cut with Ctrl+X, waiting for Ctrl+V
  let anchor = null; // rows selected with Shift+↑/↓: from anchor to head
  let head = null;

  const rowOf = (key) => $("row-" + key);
  const textOf = (key) => rowOf(key)?.querySelector(".text");
  const texts = () => Array.from(document.querySelectorAll("#outline .text"));
  const keyOf = (node) => node?.closest?.(".row")?.dataset.key;
  const boxOf = (node) => node?.closest?.(".row, .footnote");
  const editable = (box) => box?.querySelector(".text, .fn-text");
  const childrenOf = (key) => rowOf(key)?.closest("li").querySelector(":scope > ol > li");

  const textNow = (id) => { const el = editable($(id)); return el ? serialize(el) : ""; };
  const dirty = (box) => box?.dataset.saved !== undefined && textNow(box.id) !== box.dataset.saved;

  // Saying how things stand --------------------------------------------------------------

  function render() {
    let state = "All changes saved";
    if (conflicts.size) state = "Not saved: choose a text";
    else if (unsaved) state = "Not saved";
    else if (timers.size || pending) state = "Saving…";
    saveState.textContent = state;
    saveState.classList.toggle("unsaved", state.startsWith("Not saved"));
  }

  function tell(words) {
    const problem = Object.assign(document.createElement("div"), { className: "problem" });
    problem.setAttribute("role", "alert");
    problem.append(Object.assign(document.createElement("p"), { textContent: words }));
    messages.replaceChildren(problem);
  }

  function clearMessages() {
    messages.replaceChildren();
    for (const problem of editor.querySelectorAll(".editor-body .problem")) problem.remove();
  }

  const announce = (words) => { $("announce").textContent = words; };

  function trouble(status) {
    if (!status) return "The server could not be reached. Nothing you typed is lost: it is saved with your next change.";
    if (status === 403) return "The server refused this: you may no longer edit this draft. Reload the page.";
    if (status === 404) return "What you changed is no longer in the draft. Reload the page to see it as it is now.";
    return `The server could not do this (error ${status}). Nothing you typed is lost; try again, or reload the page.`;
  }

  function offerUndo(token) {
    lastDeletion = token;
    undoDeleteButton.disabled = false;
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Undo (Alt+Z)" });
    button.addEventListener("click", undoDeletion);
    notice.replaceChildren("Deleted. ", button);
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(hideNotice, NOTICE_MS);
  }

  function hideNotice() {
    clearTimeout(noticeTimer);
    notice.hidden = true;
    notice.replaceChildren();
  }

  // The caret into an element's text: at its start, after ``units``, or at its end.
  function focusText(key, caret = {}) {
    const el = key && textOf(key);
    if (!el) return;
    el.focus();
    placeCaret(el, caret.atStart ? 0 : caret.units ?? Infinity);
    el.scrollIntoView({ block: "nearest" });
  }

  // Requests -------------------------------------------------------------------------------

  function send(path, values, about = {}) {
    requests.set(values, about);
    pending += 1;
    render();
    // Failures are said by the htmx:sendError and htmx:beforeSwap listeners below.
    htmx.ajax("POST", path, { source: editor, values, swap: "none settle:0ms" }).catch(() => {});
  }

  function saveNow(id) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    const box = $(id);
    if (!box) { render(); return; }
    const key = box.dataset.key;
    const note = box.classList.contains("footnote");
    const about = { box: id, keepCaret: note, skip: () => !$(id) || conflicts.has(key) || about.text === $(id).dataset.saved };
    const values = {
      get text() { return (about.text ??= textNow(id)); },
      get revision() { return $(id)?.dataset.revision ?? ""; },
    };
    send(note ? url("footnote", key) : url("element", key, "text"), values, about);
  }

  function scheduleSave(box) {
    clearTimeout(timers.get(box.id));
    timers.set(box.id, setTimeout(() => saveNow(box.id), SAVE_DELAY_MS));
    hideNotice();
    render();
  }

  // Pending text first, so that the change queued next is made on it.
  function flush() {
    for (const id of Array.from(timers.keys())) saveNow(id);
    const box = boxOf(document.activeElement);
    if (unsaved && box && dirty(box)) saveNow(box.id);
  }

  // After the change the caret goes where the server says, else back where it was (else
  // to the element before it, if the change took this one away).
  function change(action, data = {}, key = current, caret = { key, units: unitsBefore(textOf(key)) }) {
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

  function remember(group) {
    if (!group) return;
    const at = undos.indexOf(group);
    if (at >= 0) undos.splice(at, 1); // a burst of typing that went on: one step, now on top
    undos.push(group);
    redos.length = 0;
  }

  function undo(kind) {
    flush();
    const stack = kind === "redo" ? redos : undos;
    if (!stack.length && !pending) { tell(`There is nothing to ${kind} in this tab.`); return; }
    clearMessages();
    const about = { undo: kind, caret: { key: current, units: unitsBefore(textOf(current)) } };
    about.skip = () => {
      if (!about.token) tell(`There is nothing to ${kind} in this tab.`);
      return !about.token;
    };
    send(url("undo"), { get token() { return (about.token ??= stack.pop() || ""); } }, about);
  }

  function undoDeletion() {
    if (!lastDeletion) return;
    const token = lastDeletion;
    lastDeletion = "";
    undoDeleteButton.disabled = true;
    hideNotice();
    const at = undos.indexOf(token);
    if (at >= 0) undos.splice(at, 1);
    send(url("undo"), { token }, { undo: "undo", caret: { key: current } });
  }

  for (const name of ["editor:saved", "editor:changed", "editor:refused", "editor:paste"]) {
    editor.addEventListener(name, (event) => { heard[name.slice(7)] = event.detail; });
  }

  editor.addEventListener("editor:cursor", (event) => { live.elements.since.value = event.detail.since; });

  // Django reads the CSRF token from the form data of every POST.
  editor.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.verb !== "get") event.detail.parameters.csrfmiddlewaretoken = editor.dataset.csrf;
  });

  editor.addEventListener("htmx:beforeRequest", (event) => {
    const about = requests.get(event.detail.etc?.values);
    if (!about?.skip?.()) return;
    event.preventDefault();
    pending -= 1;
    render();
  });

  live.addEventListener("htmx:confirm", (event) => { if (document.hidden) event.preventDefault(); });

  // Our refusals (400, 409) are swapped in where the server placed them; any other answer
  // that is not a success is said in plain words, never inserted into the page.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const { xhr } = event.detail;
    answering = requests.get(event.detail.etc?.values) ?? null;
    if (xhr.status < 400) return;
    if ((xhr.getResponseHeader("HX-Trigger") || "").includes("editor:refused")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    } else {
      event.detail.shouldSwap = false;
      tell(trouble(xhr.status));
    }
  });

  editor.addEventListener("htmx:sendError", () => tell(trouble(0)));
  // A refusal about an element no longer on this page is said in the toolbar instead.
  document.addEventListener("htmx:oobErrorNoTarget", (event) => {
    if (event.detail.content.classList.contains("refusal")) tell(event.detail.content.textContent.trim());
  });

  editor.addEventListener("htmx:afterRequest", (event) => {
    const said = heard;
    heard = {};
    answering = null;
    const about = requests.get(event.detail.etc?.values);
    if (!about) { remember(said.changed?.group); return; } // a revert from the history panel
    pending -= 1;
    if (said.saved) saved(about, said.saved);
    if (said.changed) changed(about, said.changed);
    if (said.refused) refused(about, said.refused);
    if (said.paste) insertPasted(about, said.paste.html);
    if (about.box && !said.saved && !said.changed && !said.refused) unsaved = true;
    render();
  });

  function saved(about, detail) {
    const box = $(about.box);
    if (box) {
      if (detail.revision) box.dataset.revision = detail.revision;
      box.dataset.saved = about.text;
      unflag(box);
    }
    unsaved = false;
    remember(detail.group);
    renumberFootnotes();
  }

  function changed(about, detail) {
    if (about.undo === "undo") redos.push(detail.group);
    else if (about.undo === "redo") undos.push(detail.group);
    else remember(detail.group);
    if (about.box && $(about.box)) { $(about.box).dataset.saved = about.text; unsaved = false; }
    if (detail.undo) offerUndo(detail.undo);
    const caret = about.caret ?? {};
    const key = [detail.focus, caret.key, caret.near].find((k) => k && rowOf(k));
    if (!about.keepCaret) focusText(key, key === caret.key ? caret : { atStart: caret.atStart });
    about.then?.();
  }

  function refused(about, detail) {
    const box = $(about.box);
    if (box && (detail.kind === "stale" || detail.kind === "deleted")) {
      conflicts.add(box.dataset.key);
      box.querySelector(".elsewhere-note")?.remove(); // the choice says it all
    }
    about.marker?.remove();
  }

  // Keeping what is being typed: a row or footnote that has unsaved text or waits for a
  // choice stays as it is when the part around it is swapped, and so does the one that
  // holds the caret, unless it is a row and the answer is to this tab's own change. If
  // the incoming one has another revision than the text kept, someone else changed it.
  function held(box) {
    const key = box.dataset.key;
    return conflicts.has(key) || timers.has(box.id) || dirty(box)
      || (box.contains(document.activeElement) && (!heard.changed || !box.classList.contains("row")));
  }

  let caret = null; // the selection kept across a swap: [anchor node, offset, focus node, offset]

  document.addEventListener("htmx:oobBeforeSwap", (event) => {
    const { fragment } = event.detail;
    const selection = window.getSelection();
    if (!caret && selection.rangeCount) {
      caret = [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset];
    }
    for (const incoming of fragment.querySelectorAll(".row[id], .footnote[id]")) {
      const box = $(incoming.id);
      if (!box) continue;
      const own = answering?.box === box.id; // the answer to a request that carried its text
      if (own) Object.assign(box.dataset, { saved: answering.text, revision: incoming.dataset.revision ?? "" });
      if (!held(box)) continue;
      if (!own && incoming.dataset.revision && incoming.dataset.revision !== box.dataset.revision) flag(box);
      if (incoming.parentNode === fragment) event.detail.shouldSwap = false;
      else incoming.setAttribute("hx-preserve", "");
    }
    if (event.detail.target.id === "outline") keepDeleted(fragment.querySelector("#outline"));
  });

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
      if (!conflicts.has(box.dataset.key)) setTimeout(() => saveNow(box.id));
    }
  }

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
    rowOf(current)?.classList.add("current");
    for (const key of cut) rowOf(key)?.classList.add("cut");
    if (anchor) for (const key of selectedKeys()) rowOf(key)?.classList.add("selected");
  });

  function flag(box) {
    if (!box.classList.contains("row") || box.querySelector(".elsewhere-note, .conflict")) return;
    box.classList.add("changed-elsewhere");
    const note = Object.assign(document.createElement("p"), {
      className: "elsewhere-note",
      textContent: "Someone else has just changed this text. Keep typing: when it is saved you will see both texts and choose.",
    });
    note.setAttribute("role", "status");
    box.append(note);
  }

  function unflag(box) {
    box.classList.remove("changed-elsewhere");
    box.querySelector(".elsewhere-note")?.remove();
  }

  // Conflicts: both texts, or who deleted the element; the person chooses. -------------

  function resolve(button) {
    const section = button.closest(".conflict");
    const row = section.closest(".row");
    const key = row.dataset.key;
    const text = textOf(key);
    const choice = button.dataset.choice;
    if (section.classList.contains("deleted")) { resolveDeleted(section, row, choice); return; }
    row.dataset.revision = section.dataset.revision;
    conflicts.delete(key);
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
    conflicts.delete(key);
    clearTimeout(timers.get(row.id));
    timers.delete(row.id);
    if (choice === "discard") { row.closest("li").remove(); render(); return; }
    section.remove();
    row.dataset.saved = serialize(text); // the restored row replaces this one
    send(url("undo"), { token: section.dataset.undo }, {
      caret: { key },
      then: () => { const restored = textOf(key); if (restored) { restored.innerHTML = yours; scheduleSave(rowOf(key)); } },
    });
  }

  // Structure and text -----------------------------------------------------------------

  // Enter: a new paragraph after this one, holding the text after the caret if any.
  function newParagraph(textEl) {
    const key = keyOf(textEl);
    const tail = rowOf(key).dataset.kind === "paragraph" ? tailAfterCaret(textEl) : "";
    if (!tail) { change("add-paragraph"); return; }
    scheduleSave(rowOf(key));
    change("add-paragraph", { text: tail }, key, { atStart: true });
  }

  function neighbour(textEl, step) {
    const list = texts();
    return list[list.indexOf(textEl) + step];
  }

  // Backspace at the start joins the paragraph to the one above, Delete at the end the one
  // below to this; in an empty bullet with nothing under it, either removes the bullet.
  function joinOrRemove(textEl, forward) {
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
  function bracket(remove) {
    const textEl = textOf(current);
    const selection = window.getSelection();
    const inside = textEl && selection.rangeCount && !selection.isCollapsed && !anchor
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
    saveNow(rowOf(current).id);
  }

  // Several rows: Shift+↑/↓ at the edge of the text selects rows from the one it began in.
  function selectedKeys() {
    if (!anchor) return current ? [current] : [];
    const keys = texts().map(keyOf);
    const [from, to] = [keys.indexOf(anchor), keys.indexOf(head)].sort((a, b) => a - b);
    return from < 0 ? [current] : keys.slice(from, to + 1);
  }

  function extendSelection(down) {
    if (!anchor) { anchor = current; head = current; }
    const next = neighbour(textOf(head), down ? 1 : -1);
    if (next) head = keyOf(next);
    const keys = selectedKeys();
    for (const row of document.querySelectorAll("#outline .row")) row.classList.toggle("selected", keys.includes(row.dataset.key));
    focusText(head, { atStart: !down });
    announce(`${keys.length} elements selected. Tab or Shift+Tab indents or outdents them, Alt+↑ or Alt+↓ moves them, `
      + "Alt+B brackets them, Ctrl+X cuts them, Alt+Delete deletes them; Escape cancels.");
  }

  function clearSelection() {
    if (!anchor) return;
    anchor = head = null;
    for (const row of document.querySelectorAll("#outline .row.selected")) row.classList.remove("selected");
  }

  // Cut and paste of whole elements: Ctrl+X marks them, Ctrl+V moves them after the
  // element the caret is in (first in an agenda item), keeping their lineage keys.
  function cutElements() {
    cut = selectedKeys();
    clearSelection();
    for (const key of cut) rowOf(key)?.classList.add("cut");
    announce(`${cut.length === 1 ? "1 element" : cut.length + " elements"} cut. Put the cursor where `
      + "it goes and press Ctrl+V to move it after that element; Escape cancels.");
    render();
  }

  function clearCut() {
    for (const row of document.querySelectorAll("#outline .row.cut")) row.classList.remove("cut");
    cut = [];
  }

  function pasteElements() {
    const moving = cut.filter(rowOf);
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

  function moveTo() {
    if (!rowOf(current)) { tell("Put the cursor in the element to move first."); return; }
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
      if (moveDialog.returnValue !== "move" || !option || option.hidden) { focusText(current); return; }
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

  moveFilter.addEventListener("input", filterTargets);
  moveFilter.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const shown = Array.from(moveTargets.options).filter((option) => !option.hidden);
    const at = shown.indexOf(moveTargets.selectedOptions[0]) + (event.key === "ArrowDown" ? 1 : -1);
    if (shown[at]) moveTargets.value = shown[at].value;
  });

  // Footnotes --------------------------------------------------------------------------

  const footnoteDialog = $("footnote-dialog");
  const footnoteText = $("footnote-text");

  function footnote() {
    const key = current;
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
    clearTimeout(timers.get("row-" + key));
    timers.delete("row-" + key);
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

  // Enter saves the footnote; Shift+Enter starts a new line.
  footnoteText.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    footnoteDialog.querySelector("form").requestSubmit(footnoteDialog.querySelector('button[value="save"]'));
  });

  // A call goes to its footnote in the pane; a footnote's number goes to its call.
  function goToFootnote(marker) {
    const text = $("fn-" + marker.dataset.key)?.querySelector(".fn-text");
    if (!text) return;
    text.focus();
    placeCaret(text, Infinity);
    text.scrollIntoView({ block: "nearest" });
  }

  function goToCall(key) {
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
  function renumberFootnotes() {
    let number = 0;
    for (const note of document.querySelectorAll("#footnotes .footnote")) {
      const called = document.querySelector(`#outline fn-ref[data-key="${CSS.escape(note.dataset.key)}"]`);
      note.classList.toggle("orphan", !called);
      note.querySelector(".fn-number").textContent = called ? String((number += 1)) : "–";
    }
  }

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

  function insertPasted(about, html) {
    const text = textOf(about.caret.key);
    if (!text) return;
    text.focus();
    if (about.range && text.contains(about.range.startContainer)) select(about.range);
    else placeCaret(text, Infinity);
    document.execCommand("insertHTML", false, html); // sanitised by the server
  }

  // History panel (htmx) ---------------------------------------------------------------

  function openHistory() {
    if (!current) return;
    panel.hidden = false;
    htmx.ajax("GET", url("history", current), { source: editor, target: "#side-panel", swap: "innerHTML settle:0ms" });
  }

  panel.addEventListener("htmx:afterSwap", () => panel.querySelector("h2")?.focus());
  panel.addEventListener("click", (event) => {
    if (!event.target.closest("[data-close-panel]")) return;
    panel.hidden = true;
    panel.replaceChildren();
    focusText(current);
  });

  // Drag and drop ----------------------------------------------------------------------

  let dragKey = null;

  function placement(event, row) {
    const box = row.getBoundingClientRect();
    const y = (event.clientY - box.top) / box.height;
    if (y < 0.3) return "before";
    if (y > 0.7 || row.dataset.kind === "heading") return "after";
    return "inside";
  }

  function clearDrop() {
    for (const row of document.querySelectorAll("[data-drop]")) delete row.dataset.drop;
  }

  editor.addEventListener("dragstart", (event) => {
    const handle = event.target.closest?.(".handle");
    if (!handle) return;
    dragKey = keyOf(handle);
    event.dataTransfer.setData("text/plain", dragKey);
    event.dataTransfer.effectAllowed = "move";
  });
  editor.addEventListener("dragover", (event) => {
    const row = event.target.closest?.(".row");
    if (!row || !dragKey) return;
    event.preventDefault();
    clearDrop();
    row.dataset.drop = placement(event, row);
  });
  editor.addEventListener("dragend", () => { dragKey = null; clearDrop(); });
  editor.addEventListener("drop", (event) => {
    const row = event.target.closest?.(".row");
    if (!row || !dragKey) return;
    event.preventDefault();
    const where = placement(event, row);
    const moving = dragKey;
    dragKey = null;
    clearDrop();
    if (row.dataset.key !== moving) change("move", { target: row.dataset.key, placement: where }, moving, { key: moving });
  });

  // Typing, focus and the keyboard -----------------------------------------------------

  editor.addEventListener("focusin", (event) => {
    const box = boxOf(event.target);
    if (!box || !event.target.matches(".text, .fn-text")) return;
    if (box.dataset.saved === undefined) box.dataset.saved = serialize(event.target);
    if (!box.classList.contains("row")) return;
    if (current && rowOf(current)) rowOf(current).classList.remove("current");
    current = box.dataset.key;
    box.classList.add("current");
  });

  editor.addEventListener("focusout", (event) => {
    const box = boxOf(event.target);
    if (box && timers.has(box.id)) saveNow(box.id);
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
      change("delete", {}, current, { key: keyOf(near) });
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
    if (letter === "x" && (anchor || window.getSelection().isCollapsed)) { cutElements(); return true; }
    if (letter === "v" && cut.length) { pasteElements(); return true; }
    return false;
  }

  document.addEventListener("keydown", (event) => {
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
      if (cut.length || anchor) { clearCut(); clearSelection(); announce("Cancelled."); return; }
      editor.querySelector(".toolbar button:not([disabled])").focus();
      return;
    }
    if (vertical && event.shiftKey && (anchor || caretAt(textEl, down, true))) { event.preventDefault(); extendSelection(down); return; }
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
  });

  // The toolbar is one stop for Tab; the arrow keys move along it (WAI-ARIA toolbar).
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

  window.addEventListener("beforeunload", (event) => {
    if (timers.size || conflicts.size || pending) { flush(); event.preventDefault(); }
  });
}
