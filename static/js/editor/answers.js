/* What each answer says: the listeners that send what Django needs with every request and
 * read the HX-Trigger events of its answer; what was saved, changed or refused; the undo
 * stack kept from the answers.
 */
import { insertPasted, renumberFootnotes } from "./footnotes.js";
import { undoDeletion } from "./requests.js";
import { $, editor, live, notice, rowOf, state, undoDeleteButton } from "./state.js";
import { focusText, hideNotice, render, tell, trouble, unflag } from "./status.js";

const NOTICE_MS = 8000;

function remember(group) {
  if (!group) return;
  const at = state.undos.indexOf(group);
  if (at >= 0) state.undos.splice(at, 1); // a burst of typing that went on: one step, now on top
  state.undos.push(group);
  state.redos.length = 0;
}

function offerUndo(token) {
  state.lastDeletion = token;
  undoDeleteButton.disabled = false;
  const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Undo (Alt+Z)" });
  button.addEventListener("click", undoDeletion);
  notice.replaceChildren("Deleted. ", button);
  notice.hidden = false;
  clearTimeout(state.noticeTimer);
  state.noticeTimer = setTimeout(hideNotice, NOTICE_MS);
}

// The listeners that send what Django needs and read what each answer says.
export function listenToAnswers() {
  for (const name of ["editor:saved", "editor:changed", "editor:refused", "editor:paste"]) {
    editor.addEventListener(name, (event) => { state.heard[name.slice(7)] = event.detail; });
  }

  editor.addEventListener("editor:cursor", (event) => { live.elements.since.value = event.detail.since; });

  // Django reads the CSRF token from the form data of every POST.
  editor.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.verb !== "get") event.detail.parameters.csrfmiddlewaretoken = editor.dataset.csrf;
  });

  editor.addEventListener("htmx:beforeRequest", (event) => {
    const about = state.requests.get(event.detail.etc?.values);
    if (!about?.skip?.()) return;
    event.preventDefault();
    state.pending -= 1;
    render();
  });

  live.addEventListener("htmx:confirm", (event) => { if (document.hidden) event.preventDefault(); });

  // Our refusals (400, 409) are swapped in where the server placed them; any other answer
  // that is not a success is said in plain words, never inserted into the page.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const { xhr } = event.detail;
    state.answering = state.requests.get(event.detail.etc?.values) ?? null;
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
    const said = state.heard;
    state.heard = {};
    state.answering = null;
    const about = state.requests.get(event.detail.etc?.values);
    if (!about) { remember(said.changed?.group); return; } // a revert from the history panel
    state.pending -= 1;
    if (said.saved) saved(about, said.saved);
    if (said.changed) changed(about, said.changed);
    if (said.refused) refused(about, said.refused);
    if (said.paste) insertPasted(about, said.paste.html);
    if (about.box && !said.saved && !said.changed && !said.refused) state.unsaved = true;
    render();
  });
}

function saved(about, detail) {
  const box = $(about.box);
  if (box) {
    if (detail.revision) box.dataset.revision = detail.revision;
    box.dataset.saved = about.text;
    unflag(box);
  }
  state.unsaved = false;
  remember(detail.group);
  renumberFootnotes();
}

function changed(about, detail) {
  if (about.undo === "undo") state.redos.push(detail.group);
  else if (about.undo === "redo") state.undos.push(detail.group);
  else remember(detail.group);
  if (about.box && $(about.box)) { $(about.box).dataset.saved = about.text; state.unsaved = false; }
  if (detail.undo) offerUndo(detail.undo);
  const caret = about.caret ?? {};
  const key = [detail.focus, caret.key, caret.near].find((k) => k && rowOf(k));
  if (!about.keepCaret) focusText(key, key === caret.key ? caret : { atStart: caret.atStart });
  about.then?.();
}

function refused(about, detail) {
  const box = $(about.box);
  if (box && (detail.kind === "stale" || detail.kind === "deleted")) {
    state.conflicts.add(box.dataset.key);
    box.querySelector(".elsewhere-note")?.remove(); // the choice says it all
  }
  about.marker?.remove();
}
