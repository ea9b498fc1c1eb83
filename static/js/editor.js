/* The outline editor of the working draft.
 *
 * Each element's text is a contenteditable; what is typed is saved a moment later (and on
 * leaving the element) with the revision it was based on. Every other change is one POST
 * whose answer is the fragment of the outline to show again. Requests go one at a time,
 * in order, so a change never overtakes the save before it. Every few seconds the editor
 * asks for what others changed; the element being edited is never replaced, only flagged.
 * The history panel and its revert buttons are plain htmx.
 */
(() => {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;

  const ZERO = "00000000-0000-0000-0000-000000000000";
  const POLL_MS = 3000;
  const SAVE_DELAY_MS = 600;
  const csrf = editor.dataset.csrf;
  const tab = editor.dataset.tab;
  const urls = {
    element: (key, action) => editor.dataset.elementUrl.replace(ZERO, key).replace("ACTION", action),
    footnote: (key) => editor.dataset.footnoteUrl.replace(ZERO, key),
    history: (key) => editor.dataset.historyUrl.replace(ZERO, key),
    undo: editor.dataset.undoUrl,
    changes: editor.dataset.changesUrl,
  };
  const problems = document.getElementById("problems");
  const saveState = document.getElementById("save-state");
  const toast = document.getElementById("toast");
  const panel = document.getElementById("side-panel");
  const footnoteDialog = document.getElementById("footnote-dialog");
  const helpDialog = document.getElementById("keyboard-help");
  const undoButton = editor.querySelector('[data-op="undo-delete"]');

  let since = editor.dataset.since;
  let current = null; // key of the element the cursor is (or was last) in
  let undoToken = "";
  let queue = Promise.resolve();
  const timers = new Map(); // key → pending save timer
  const conflicts = new Set(); // keys waiting for the person to choose

  // Small helpers ---------------------------------------------------------------------

  const rowOf = (key) => document.getElementById("row-" + key);
  const textOf = (key) => rowOf(key)?.querySelector(".text");
  const allTexts = () => Array.from(document.querySelectorAll("#outline .text"));
  const keyOf = (node) => node?.closest?.(".row")?.dataset.key;

  function parse(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content;
  }

  function serialize(textEl) {
    return textEl.innerHTML.replace(/&nbsp;|\u00a0/g, " ").replace(/<br>$/, "");
  }

  function say(message) {
    saveState.textContent = message;
    saveState.classList.toggle("unsaved", message.startsWith("Not saved"));
  }

  function showProblem(html) {
    problems.innerHTML = html;
  }

  function clearProblem() {
    problems.innerHTML = "";
  }

  function enqueue(work) {
    queue = queue.then(work).catch(() => {
      showProblem('<div class="problem" role="alert"><p>The server could not be reached. Your text is still here; it will be saved with your next change.</p></div>');
      say("Not saved");
    });
    return queue;
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: new URLSearchParams({ ...data, tab }),
      headers: { "X-CSRFToken": csrf },
      credentials: "same-origin",
    });
  }

  // The server says what happened in an htmx event (HX-Trigger): where the cursor goes,
  // the id of the change, the new cursor of the live feed.
  function event(response, name) {
    try {
      return JSON.parse(response.headers.get("HX-Trigger") || "{}")[name] || {};
    } catch (error) {
      return {};
    }
  }

  function placeCaret(el, atStart) {
    const range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(Boolean(atStart));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function focusText(key, atStart) {
    const el = key && textOf(key);
    if (!el) return;
    el.focus();
    placeCaret(el, atStart);
    el.scrollIntoView({ block: "nearest" });
  }

  function caretAt(el, end) {
    const selection = window.getSelection();
    if (!selection.rangeCount || !selection.isCollapsed) return false;
    const range = selection.getRangeAt(0);
    const probe = document.createRange();
    probe.selectNodeContents(el);
    if (end) probe.setStart(range.endContainer, range.endOffset);
    else probe.setEnd(range.startContainer, range.startOffset);
    return probe.toString().length === 0;
  }

  // Saving text -----------------------------------------------------------------------

  function scheduleSave(key) {
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => { timers.delete(key); saveText(key); }, SAVE_DELAY_MS));
    say("Saving…");
  }

  function flush() {
    for (const [key, timer] of timers) {
      clearTimeout(timer);
      timers.delete(key);
      saveText(key);
    }
    return queue;
  }

  function saveText(key) {
    say("Saving…");
    return enqueue(async () => {
      const row = rowOf(key);
      if (!row || conflicts.has(key)) return;
      const text = serialize(row.querySelector(".text"));
      if (text === row.dataset.saved) { say("All changes saved"); return; }
      const response = await post(urls.element(key, "text"), { text, revision: row.dataset.revision });
      const html = await response.text();
      if (response.status === 409) { showConflict(key, html); say("Not saved: choose a text"); return; }
      if (!response.ok) { showProblem(html); say("Not saved"); return; }
      const fresh = parse(html).firstElementChild;
      row.dataset.revision = fresh.dataset.revision;
      row.dataset.saved = text;
      row.classList.remove("changed-elsewhere");
      row.querySelector(".elsewhere-note")?.remove();
      say("All changes saved");
    });
  }

  // Conflicts: both texts, and the person chooses; nothing typed is thrown away. --------

  function showConflict(key, html) {
    conflicts.add(key);
    const row = rowOf(key);
    document.getElementById("conflict-" + key)?.remove();
    const section = parse(html).firstElementChild;
    row.after(section);
    section.addEventListener("click", (event) => {
      const choice = event.target.closest("[data-choice]")?.dataset.choice;
      if (choice) resolveConflict(key, section, choice);
    });
  }

  function resolveConflict(key, section, choice) {
    const row = rowOf(key);
    const textEl = row.querySelector(".text");
    row.dataset.revision = section.dataset.revision;
    conflicts.delete(key);
    row.classList.remove("changed-elsewhere");
    row.querySelector(".elsewhere-note")?.remove();
    if (choice === "done") { section.remove(); focusText(key); return; }
    if (choice === "mine") {
      section.remove();
      row.dataset.saved = "";
      saveText(key);
      focusText(key);
      return;
    }
    const yours = section.querySelector(".yours").innerHTML;
    textEl.innerHTML = section.querySelector(".theirs").innerHTML;
    row.dataset.saved = serialize(textEl);
    const kept = choice === "merge"
      ? "Edit the text above into one; it is saved as you type. Your text stays here until you are done:"
      : "You took their text. Your text was not saved; it stays here until you dismiss it:";
    section.innerHTML = "";
    section.append(Object.assign(document.createElement("p"), { textContent: kept }));
    const sample = Object.assign(document.createElement("div"), { className: "yours text-sample" });
    sample.innerHTML = yours;
    section.append(sample);
    const done = Object.assign(document.createElement("button"), { type: "button", textContent: choice === "merge" ? "Done" : "Dismiss" });
    done.dataset.choice = "done";
    section.append(done);
    focusText(key);
  }

  // Changes to the outline ------------------------------------------------------------

  function replaceFragment(html) {
    const fragment = parse(html);
    const root = fragment.firstElementChild;
    const old = root && document.getElementById(root.id);
    if (old) old.replaceWith(root);
  }

  async function apply(response, fallbackFocus, atStart) {
    const html = await response.text();
    if (!response.ok) { showProblem(html); return; }
    clearProblem();
    replaceFragment(html);
    const changed = event(response, "editor:changed");
    if (changed.undo) offerUndo(changed.undo);
    focusText(changed.focus || fallbackFocus, atStart);
    say("All changes saved");
  }

  async function change(action, data = {}, key = current, atStart = false) {
    if (!key || !rowOf(key)) {
      showProblem('<div class="problem" role="alert"><p>Put the cursor in a paragraph first.</p></div>');
      return;
    }
    say("Saving…");
    await flush();
    let fallback = key;
    if (action === "delete") {
      const texts = allTexts();
      const index = texts.indexOf(textOf(key));
      fallback = keyOf(texts[index - 1] || texts[index + 1]);
    }
    return enqueue(async () => apply(await post(urls.element(key, action), data), fallback, atStart));
  }

  // Enter in the middle of a paragraph splits it there, as in a word processor: the text
  // after the caret (its inline markup kept whole on both sides by the Range) moves into
  // a new paragraph after this one, and the caret goes to its start.
  function tailAfterCaret(textEl) {
    const selection = window.getSelection();
    if (!selection.rangeCount || !selection.isCollapsed || caretAt(textEl, true)) return "";
    const caret = selection.getRangeAt(0);
    if (!textEl.contains(caret.endContainer)) return "";
    const tail = document.createRange();
    tail.setStart(caret.endContainer, caret.endOffset);
    tail.setEnd(textEl, textEl.childNodes.length);
    const holder = document.createElement("div");
    holder.append(tail.extractContents());
    return serialize(holder);
  }

  function newParagraph(textEl) {
    const key = keyOf(textEl);
    const tail = rowOf(key).dataset.kind === "paragraph" ? tailAfterCaret(textEl) : "";
    if (!tail) { run("add-paragraph"); return; }
    clearProblem();
    scheduleSave(key);
    change("add-paragraph", { text: tail }, key, true);
  }

  function offerUndo(token) {
    undoToken = token;
    undoButton.disabled = false;
    toast.hidden = false;
    toast.innerHTML = "";
    toast.append("Deleted. ");
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Undo (Alt+Z)" });
    button.addEventListener("click", undoDelete);
    toast.append(button);
  }

  function undoDelete() {
    if (!undoToken) return;
    const token = undoToken;
    undoToken = "";
    undoButton.disabled = true;
    toast.hidden = true;
    enqueue(async () => apply(await post(urls.undo, { token }), current));
  }

  // Brackets: the selection if there is one, else the whole text (on the server). -------

  function bracket(remove) {
    const textEl = textOf(current);
    const selection = window.getSelection();
    const inside = textEl && selection.rangeCount && !selection.isCollapsed
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
    saveText(current);
  }

  // Footnotes -------------------------------------------------------------------------

  function markerBeforeCaret(textEl) {
    const selection = window.getSelection();
    if (!selection.rangeCount || !textEl.contains(selection.anchorNode)) return null;
    const range = selection.getRangeAt(0);
    let node = range.startContainer;
    let previous;
    if (node.nodeType === Node.TEXT_NODE) {
      if (range.startOffset > 0 && node.data.slice(0, range.startOffset).trim()) return null;
      previous = node.previousSibling;
    } else {
      previous = node.childNodes[range.startOffset - 1];
    }
    return previous && previous.nodeName === "FN-REF" ? previous : null;
  }

  function newKey() {
    if (window.crypto?.randomUUID) return window.crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
  }

  function footnote(marker) {
    const key = current;
    const textEl = textOf(key);
    if (!textEl) { change("footnote"); return; }
    const selection = window.getSelection();
    const range = selection.rangeCount && textEl.contains(selection.anchorNode)
      ? selection.getRangeAt(0).cloneRange() : null;
    marker = marker || markerBeforeCaret(textEl);
    const area = document.getElementById("footnote-text");
    area.value = marker ? (marker.title || "").replace(/^Footnote: /, "") : "";
    document.getElementById("footnote-remove").hidden = !marker;
    document.getElementById("footnote-dialog-title").textContent = marker ? "Edit the footnote" : "Add a footnote at the cursor";
    footnoteDialog.returnValue = "";
    footnoteDialog.onclose = () => {
      const choice = footnoteDialog.returnValue;
      const text = area.value.trim();
      if (choice === "save" || choice === "remove") say("Saving…");
      if (choice === "save" && marker) {
        enqueue(async () => apply(await post(urls.footnote(marker.dataset.key), { text }), key));
      } else if (choice === "remove" && marker) {
        flush();
        enqueue(async () => apply(await post(urls.footnote(marker.dataset.key), { remove: "1" }), key));
      } else if (choice === "save") {
        addFootnote(key, textEl, range, text);
      } else {
        focusText(key);
      }
    };
    footnoteDialog.showModal();
  }

  function addFootnote(key, textEl, range, text) {
    say("Saving…");
    clearTimeout(timers.get(key));
    timers.delete(key);
    const marker = document.createElement("fn-ref");
    marker.dataset.key = newKey();
    marker.contentEditable = "false";
    marker.title = "Footnote: " + text;
    if (range) { range.collapse(false); range.insertNode(marker); } else { textEl.append(marker); }
    enqueue(async () => {
      const row = rowOf(key);
      const response = await post(urls.element(key, "add-footnote"), {
        text: serialize(textEl), revision: row.dataset.revision, key: marker.dataset.key, footnote: text,
      });
      if (response.status === 409) { marker.remove(); showConflict(key, await response.text()); return; }
      await apply(response, key);
    });
  }

  // History panel (htmx) --------------------------------------------------------------

  function openHistory() {
    if (!current) return;
    panel.hidden = false;
    htmx.ajax("GET", urls.history(current), { target: "#side-panel", swap: "innerHTML" }).then(() => {
      panel.querySelector("h2")?.focus();
    });
  }

  panel.addEventListener("click", (event) => {
    if (!event.target.closest("[data-close-panel]")) return;
    panel.hidden = true;
    panel.innerHTML = "";
    focusText(current);
  });

  // Changes by others ------------------------------------------------------------------

  async function poll() {
    if (document.hidden) return;
    const response = await fetch(`${urls.changes}?since=${encodeURIComponent(since)}&tab=${encodeURIComponent(tab)}`, {
      credentials: "same-origin",
    });
    const cursor = event(response, "editor:cursor").since;
    if (cursor) since = cursor;
    if (response.status !== 200) return;
    applyChanges(await response.text());
  }

  function editingKey() {
    const active = document.activeElement;
    return active && active.classList?.contains("text") ? keyOf(active) : null;
  }

  function flag(live, incoming) {
    if (!incoming || incoming.dataset.revision === live.dataset.revision) return;
    live.classList.add("changed-elsewhere");
    if (!live.querySelector(".elsewhere-note")) {
      const note = Object.assign(document.createElement("p"), {
        className: "elsewhere-note",
        textContent: "Someone else has just changed this text. Keep typing: when it is saved you will see both texts and choose.",
      });
      note.setAttribute("role", "status");
      live.append(note);
    }
  }

  function keeps(key) {
    return key === editingKey() || conflicts.has(key) || timers.has(key);
  }

  function applyChanges(html) {
    const fragment = parse(html);
    const outline = fragment.querySelector("#outline");
    if (outline) {
      const selection = window.getSelection();
      const range = selection.rangeCount ? selection.getRangeAt(0) : null;
      const active = editingKey();
      for (const live of document.querySelectorAll("#outline .row")) {
        const key = live.dataset.key;
        if (!keeps(key)) continue;
        const incoming = outline.querySelector("#row-" + CSS.escape(key));
        if (!incoming) continue;
        flag(live, incoming);
        const conflict = document.getElementById("conflict-" + key);
        incoming.replaceWith(live);
        if (conflict) live.after(conflict);
      }
      document.getElementById("outline").replaceWith(outline);
      if (active) {
        textOf(active)?.focus();
        if (range) { selection.removeAllRanges(); selection.addRange(range); }
      }
      return;
    }
    for (const incoming of Array.from(fragment.children)) {
      const live = rowOf(incoming.dataset.key);
      if (!live) continue;
      if (keeps(incoming.dataset.key)) flag(live, incoming);
      else live.replaceWith(incoming);
    }
  }

  setInterval(() => { poll().catch(() => {}); }, POLL_MS);

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
    if (row.dataset.key !== moving) change("move", { target: row.dataset.key, placement: where }, moving);
  });

  // Typing, focus and the keyboard ---------------------------------------------------

  editor.addEventListener("focusin", (event) => {
    const key = keyOf(event.target);
    if (!key || !event.target.classList.contains("text")) return;
    if (current && rowOf(current)) rowOf(current).classList.remove("current");
    current = key;
    const row = rowOf(key);
    row.classList.add("current");
    if (row.dataset.saved === undefined) row.dataset.saved = serialize(event.target);
  });

  editor.addEventListener("focusout", (event) => {
    const key = keyOf(event.target);
    if (key && timers.has(key)) { clearTimeout(timers.get(key)); timers.delete(key); saveText(key); }
  });

  editor.addEventListener("input", (event) => {
    if (event.target.classList?.contains("text")) scheduleSave(keyOf(event.target));
  });

  editor.addEventListener("paste", (event) => {
    if (!event.target.closest?.(".text")) return;
    event.preventDefault();
    document.execCommand("insertText", false, event.clipboardData.getData("text/plain").replace(/\s+/g, " "));
  });

  editor.addEventListener("click", (event) => {
    const marker = event.target.closest?.("fn-ref");
    if (marker && marker.closest(".text")) {
      current = keyOf(marker);
      footnote(marker);
      return;
    }
    const button = event.target.closest?.(".toolbar [data-op]");
    if (button) run(button.dataset.op);
  });

  const OPERATIONS = {
    "add-paragraph": () => change("add-paragraph"),
    "add-placeholder": () => change("add-placeholder"),
    "add-agenda-item": () => change("add-agenda-item"),
    indent: () => change("indent"),
    outdent: () => change("outdent"),
    "move-up": () => change("move-up"),
    "move-down": () => change("move-down"),
    "toggle-heading": () => change("toggle-heading"),
    bracket: () => bracket(false),
    unbracket: () => bracket(true),
    footnote: () => footnote(null),
    delete: () => change("delete"),
    "undo-delete": undoDelete,
    history: openHistory,
    help: () => helpDialog.showModal(),
  };

  function run(op) {
    clearProblem();
    OPERATIONS[op]?.();
  }

  // [Alt?, Shift?, code] → operation
  const SHORTCUTS = [
    [true, false, "ArrowUp", "move-up"], [true, false, "ArrowDown", "move-down"],
    [true, false, "KeyH", "toggle-heading"], [true, true, "KeyH", "history"],
    [true, false, "KeyA", "add-agenda-item"], [true, false, "KeyP", "add-placeholder"],
    [true, false, "KeyB", "bracket"], [true, true, "KeyB", "unbracket"],
    [true, false, "KeyN", "footnote"], [true, false, "Delete", "delete"],
    [true, false, "KeyZ", "undo-delete"], [true, false, "Slash", "help"],
  ];

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey) return;
    if (document.querySelector("dialog[open]")) return;
    const shortcut = SHORTCUTS.find(([alt, shift, code]) =>
      alt === event.altKey && shift === event.shiftKey && code === event.code);
    if (shortcut) { event.preventDefault(); run(shortcut[3]); return; }
    const textEl = event.target.closest?.("#outline .text");
    if (!textEl || event.altKey) return;
    if (event.key === "Enter") { event.preventDefault(); if (!event.shiftKey) newParagraph(textEl); return; }
    if (event.key === "Tab") { event.preventDefault(); run(event.shiftKey ? "outdent" : "indent"); return; }
    if (event.key === "Escape") { event.preventDefault(); editor.querySelector(".toolbar button:not([disabled])").focus(); return; }
    if ((event.key === "ArrowUp" || event.key === "ArrowDown") && !event.shiftKey) {
      const down = event.key === "ArrowDown";
      if (!caretAt(textEl, down)) return;
      const texts = allTexts();
      const next = texts[texts.indexOf(textEl) + (down ? 1 : -1)];
      if (next) { event.preventDefault(); focusText(keyOf(next), down); }
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
    if (timers.size || conflicts.size) { flush(); event.preventDefault(); }
  });
})();
