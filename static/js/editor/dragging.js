/* Drag and drop: a row's handle dragged before, after or into another row moves it there.
 */
import { change } from "./requests.js";
import { editor, keyOf } from "./state.js";

let dragKey = null; // key of the row being dragged

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

export function listenToDragAndDrop() {
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
}
