/* The caret and the text of a contenteditable element, for the outline editor.
 *
 * Positions are counted in "units": a character, or a footnote call (an empty <fn-ref>
 * element the caret steps over). Nothing here keeps state or talks to the server.
 */

// The element's text as the draft stores it: bold and italic as strong and em, spaces as
// typed, no trailing line break.
export function serialize(el) {
  const copy = el.cloneNode(true);
  for (const [from, to] of [["b", "strong"], ["i", "em"]]) {
    for (const node of copy.querySelectorAll(from)) {
      const mark = document.createElement(to);
      mark.append(...node.childNodes);
      node.replaceWith(mark);
    }
  }
  return copy.innerHTML.replace(/&nbsp;|\u00a0/g, " ").replace(/<br>$/, "");
}

export function select(range) {
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

// The caret after ``units`` of the text; at the end when there are fewer, at the start
// when ``units`` is 0.
export function placeCaret(el, units) {
  const range = document.createRange();
  range.selectNodeContents(el);
  range.collapse(units === 0);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let left = units;
  while (left > 0 && walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeName === "FN-REF") { left -= 1; if (!left) range.setStartAfter(node); }
    else if (node.nodeType === Node.TEXT_NODE && node.length >= left) { range.setStart(node, left); left = 0; }
    else if (node.nodeType === Node.TEXT_NODE) left -= node.length;
    if (!left) range.collapse(true);
  }
  select(range);
}

export const unitsOf = (el) => el.textContent.length + el.querySelectorAll("fn-ref").length;

// How far into ``el`` the caret (the moving end of the selection) is; undefined if not in it.
export function unitsBefore(el) {
  const selection = window.getSelection();
  if (!el || !selection.rangeCount || !el.contains(selection.focusNode)) return undefined;
  const probe = document.createRange();
  probe.selectNodeContents(el);
  probe.setEnd(selection.focusNode, selection.focusOffset);
  return probe.toString().length + probe.cloneContents().querySelectorAll("fn-ref").length;
}

// Whether the caret (or, with ``moving``, the moving end of a selection) is at the start
// or, with ``end``, at the end of ``el``.
export function caretAt(el, end, moving = false) {
  const selection = window.getSelection();
  if (!selection.rangeCount || (!moving && !selection.isCollapsed)) return false;
  const range = selection.getRangeAt(0);
  const node = moving ? selection.focusNode : range[end ? "endContainer" : "startContainer"];
  const offset = moving ? selection.focusOffset : range[end ? "endOffset" : "startOffset"];
  const probe = document.createRange();
  probe.selectNodeContents(el);
  if (end) probe.setStart(node, offset);
  else probe.setEnd(node, offset);
  return probe.toString().length === 0 && !probe.cloneContents().querySelector("fn-ref");
}

// Enter in the middle of a paragraph splits it there, as in a word processor: the text
// after the caret (its inline markup kept whole on both sides by the Range) is taken out
// of ``el`` and returned, serialised; "" when the caret is at the end or not in ``el``.
export function tailAfterCaret(el) {
  const selection = window.getSelection();
  if (!selection.rangeCount || !selection.isCollapsed || caretAt(el, true)) return "";
  const caret = selection.getRangeAt(0);
  if (!el.contains(caret.endContainer)) return "";
  const tail = document.createRange();
  tail.setStart(caret.endContainer, caret.endOffset);
  tail.setEnd(el, el.childNodes.length);
  const holder = document.createElement("div");
  holder.append(tail.extractContents());
  return serialize(holder);
}

// The footnote call just before the caret (spaces between allowed), if there is one.
export function markerBeforeCaret(el) {
  const selection = window.getSelection();
  if (!selection.rangeCount || !el.contains(selection.anchorNode)) return null;
  const range = selection.getRangeAt(0);
  const node = range.startContainer;
  let previous;
  if (node.nodeType === Node.TEXT_NODE) {
    if (range.startOffset > 0 && node.data.slice(0, range.startOffset).trim()) return null;
    previous = node.previousSibling;
  } else {
    previous = node.childNodes[range.startOffset - 1];
  }
  return previous && previous.nodeName === "FN-REF" ? previous : null;
}
