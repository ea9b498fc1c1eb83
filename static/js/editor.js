/* The outline editor of the working draft.
 *
 * Requests, swaps and polling are htmx's: editor/requests.js sends, editor/answers.js
 * reads what each answer says. Written here by hand: the keyboard (editor/keyboard.js),
 * the dialogs (editor/structure.js, editor/footnotes.js) and the undo stack (sent by
 * editor/requests.js, kept by editor/answers.js); the caret and the text of an element are
 * editor/caret.js's; and keeping on screen what someone is typing when a part of the page
 * is swapped (hx-preserve), so that nothing typed is ever lost (editor/keeping.js). What
 * the modules share is in editor/state.js.
 *
 * The modules only define things when loaded; this one starts the editor, on its page.
 */
import { listenToAnswers } from "./editor/answers.js";
import { listenToDragAndDrop } from "./editor/dragging.js";
import { listenToFootnotesAndPaste } from "./editor/footnotes.js";
import { listenToHistoryPanel } from "./editor/history.js";
import { keepTypedText } from "./editor/keeping.js";
import { listenToTypingAndKeys } from "./editor/keyboard.js";
import { editor } from "./editor/state.js";
import { listenToMoveFilter } from "./editor/structure.js";

if (editor && window.htmx) start();

function start() {
  listenToAnswers();
  keepTypedText();
  listenToMoveFilter();
  listenToFootnotesAndPaste();
  listenToHistoryPanel();
  listenToDragAndDrop();
  listenToTypingAndKeys();
}
