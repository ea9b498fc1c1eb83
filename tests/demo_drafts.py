"""The demo pair for the negotiation and change-summary tests: BMS7 Draft 1 as circulated
(``fixtures/bms7-draft-1.md``) and a Draft 2 made from it by hand, as a chair's team would."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

from drafting.outline import parse
from drafting.tree import PARAGRAPH, Node, Tree

DRAFT_1 = Path(__file__).resolve().parent.parent / "fixtures" / "bms7-draft-1.md"
DRAFT_1_DATE = datetime.date(2021, 6, 10)
DRAFT_2_DATE = datetime.date(2021, 6, 24)


def bms7_draft_1() -> Tree:
    _meta, tree = parse(DRAFT_1.read_text(encoding="utf-8"))
    return tree


def position(nodes: list[Node], start: str) -> int:
    """The position of the first node whose text starts with ``start``."""
    return next(i for i, node in enumerate(nodes) if node.text.startswith(start))


def bms7_draft_2(draft_1: Tree) -> Tree:
    """Draft 1 after a round of consultations:

    - chapeau: "SG's Disarmament Agenda" put in brackets;
    - A: brackets removed from the title, "Transportation security" reworded, "Illicit
      brokering" deleted, a bracketed paragraph added after "Destruction";
    - B: the three bullets under "1. Tracing" moved below those of "2. ITI in the context
      of conflict", and a bullet moved in from C ("Deepen the cooperation with INTERPOL").
    """
    tree = copy.deepcopy(draft_1)
    chapeau, (a, b, c) = tree.nodes[:7], tree.nodes[7:10]
    chapeau[position(chapeau, "SG's Disarmament")].text = "[SG's Disarmament Agenda]"

    a.text = a.text.replace("[", "", 1).replace(".]]", ".")
    bullets = a.children
    bullets[
        position(bullets, "Transportation security")
    ].text = "Transportation and storage security"
    del bullets[position(bullets, "Illicit brokering")]
    added = Node(PARAGRAPH, "Destruction of [surplus] ammunition")
    bullets.insert(position(bullets, "Destruction") + 1, added)

    bullets = b.children
    start = position(bullets, "Tracing for preventing")
    tracing = bullets[start : start + 3]
    del bullets[start : start + 3]
    end = position(bullets, "Monitoring and enforcing") + 2
    bullets[end:end] = tracing
    moved = c.children.pop(position(c.children, "Deepen the cooperation"))
    bullets.insert(position(bullets, "Durable and cost-effective"), moved)
    return tree
