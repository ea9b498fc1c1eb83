"""The demo drafts as trees with their particulars, and a Draft 2 of BMS7 made from its
Draft 1 the way a chair's team might: every kind of change a comparison must show."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

from django.conf import settings

from drafting.docx import DocxMeta
from drafting.outline import parse
from drafting.tree import PARAGRAPH, Node, Tree, new_key

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def demo(name: str) -> tuple[Tree, DocxMeta]:
    """A demo draft's tree and what its Word file shows, from the outline's front matter."""
    meta, tree = parse((FIXTURES / name).read_text(encoding="utf-8"))
    label, date = str(meta["label"]), meta["date"]
    assert isinstance(date, datetime.date)
    return tree, DocxMeta(
        title=str(meta.get("title", "")),
        label=label,
        running_label=f"{label.upper()}, {date.day} {date:%B %Y}",
        note=str(meta.get("note", "")),
        date=date,
        author="Chair of BMS7",
    )


DRAFT_2 = DocxMeta(
    title="Outcome of the Seventh Biennial Meeting of States",
    label="Draft 2",
    running_label="DRAFT 2, 24 June 2021",
    note="The below is without prejudice to the agreement of the agenda items for BMS7.",
    date=datetime.date(2021, 6, 24),
    author="Chair of BMS7",
)


def _find(nodes: list[Node], text: str) -> Node:
    return next(node for node in nodes if node.text.startswith(text))


def draft_two(draft_one: Tree) -> Tree:
    """Draft 2 as the chair's team might make it from Draft 1."""
    tree = copy.deepcopy(draft_one)
    chapeau = tree.nodes
    item_a, item_c, item_e = tree.nodes[7], tree.nodes[9], tree.nodes[11]
    chapeau[0].text = "States' primary responsibility for combating [illicit] trafficking of SALW"
    # Not beside the deleted paragraph: alone in one gap, the two would pair as a rewording.
    chapeau.insert(5, Node(PARAGRAPH, "A new paragraph on <em>gender</em> and SALW"))
    chapeau.remove(_find(chapeau, "Emphasis"))
    review = item_a.children.pop(0)
    item_c.children.insert(5, review)  # moved across agenda items
    controls = item_a.children
    transport = _find(item_a.children, "Transportation security")
    controls.remove(transport)
    _find(item_a.children, "Applies to all aspects").children.append(transport)  # indented
    manufacturing = _find(item_a.children, "Manufacturing of SALW")
    illicit = manufacturing.children.pop()
    controls.insert(controls.index(manufacturing) + 1, illicit)  # outdented
    practices = _find(item_a.children, "Regional best practices")
    controls.remove(practices)
    practices.text = "Regional and sub-regional best practices"
    item_c.children.append(practices)  # moved and reworded
    way_forward = _find(item_a.children, "The Way Forward")
    way_forward.level = 2
    item_e.designation = "F."
    a_note = item_a.footnote_keys()[0]
    tree.footnotes[a_note] = tree.footnotes[a_note].replace("proposals", "revised proposals")
    e_note = item_e.footnote_keys()[0]
    item_e.text = item_e.text.replace(f'<fn-ref data-key="{e_note}"></fn-ref>', "")
    del tree.footnotes[e_note]
    added = new_key()
    chapeau[1].text += f'<fn-ref data-key="{added}"></fn-ref>'
    tree.footnotes[added] = "A footnote added in <em>Draft 2</em>."
    return tree
