/* Several rows selected together with Shift+↑/↓, for the changes that take them as one.
 */
import { keyOf, neighbour, state, textOf, texts } from "./state.js";
import { announce, focusText } from "./status.js";

// Several rows: Shift+↑/↓ at the edge of the text selects rows from the one it began in.
export function selectedKeys() {
  if (!state.anchor) return state.current ? [state.current] : [];
  const keys = texts().map(keyOf);
  const [from, to] = [keys.indexOf(state.anchor), keys.indexOf(state.head)].sort((a, b) => a - b);
  return from < 0 ? [state.current] : keys.slice(from, to + 1);
}

export function extendSelection(down) {
  if (!state.anchor) { state.anchor = state.current; state.head = state.current; }
  const next = neighbour(textOf(state.head), down ? 1 : -1);
  if (next) state.head = keyOf(next);
  const keys = selectedKeys();
  for (const row of document.querySelectorAll("#outline .row")) row.classList.toggle("selected", keys.includes(row.dataset.key));
  focusText(state.head, { atStart: !down });
  announce(`${keys.length} elements selected. Tab or Shift+Tab indents or outdents them, Alt+↑ or Alt+↓ moves them, `
    + "Alt+B brackets them, Ctrl+X cuts them, Alt+Delete deletes them; Escape cancels.");
}

export function clearSelection() {
  if (!state.anchor) return;
  state.anchor = state.head = null;
  for (const row of document.querySelectorAll("#outline .row.selected")) row.classList.remove("selected");
}
