"""Generated outcome documents for benchmarks: pure trees, no database, repeatable by seed.

``make_tree`` builds a document shaped like a real draft (agenda items, numbered headings
at three levels among the bullets, bullets three deep, footnotes, bracketed passages);
``mutate`` makes the next draft from it; ``strip_keys`` makes it look imported from a file;
``long_paragraphs`` gives two saves of paragraphs too long to compare word by word.
"""

from __future__ import annotations

import copy
import random
import uuid

from drafting.tree import AGENDA_ITEM, FOOTNOTE_REF, HEADING, PARAGRAPH, Node, Tree

_COMMON = (
    "the of and to States in on a for national Parties shall should with by be as "
    "implementation Convention including are their assistance cooperation measures "
    "international regional relevant efforts further encouraged continue support"
).split()
_SYLLABLES = "ra ti on ex pa ve lo mi su de cor nu ba fi gle tra pho sen qui mar".split()


def _vocabulary(rng: random.Random, size: int = 800) -> list[str]:
    words = set(_COMMON)
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _key(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class _Writer:
    """Sentences drawn from a Zipf-like vocabulary, with some emphasis and brackets."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = _vocabulary(rng)
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]

    def text(self, low: int = 12, high: int = 60) -> str:
        words = self.rng.choices(self.words, self.weights, k=self.rng.randint(low, high))
        if self.rng.random() < 0.15:
            at = self.rng.randrange(len(words))
            words[at] = f"<em>{words[at]}</em>"
        if self.rng.random() < 0.2:
            start = self.rng.randrange(len(words))
            end = self.rng.randint(start, len(words) - 1)
            words[start] = "[" + words[start]
            words[end] = words[end] + "]"
        return " ".join(words).capitalize() + "."


def make_tree(
    paragraphs: int = 1500, items: int = 5, headings: int = 40, footnotes: int = 100, seed: int = 0
) -> Tree:
    """A document of ``items`` agenda items sharing the headings and bullets evenly."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    tree = Tree()
    bullets: list[Node] = []
    for item_number in range(items):
        title = writer.text(3, 8)
        item = Node(
            AGENDA_ITEM,
            f"[{title}]" if item_number % 2 else title,
            f"{chr(65 + item_number)}.",
            key=_key(rng),
        )
        tree.nodes.append(item)
        item_headings = headings // items + (item_number < headings % items)
        item_bullets = paragraphs // items + (item_number < paragraphs % items)
        sections = [item_bullets * s // (item_headings + 1) for s in range(item_headings + 2)]
        numbered = 0
        for section in range(item_headings + 1):
            if section:
                level = rng.choice((1, 1, 1, 2, 2, 3))
                numbered += level == 1
                item.children.append(
                    Node(
                        HEADING,
                        writer.text(2, 6),
                        f"{numbered}." if level == 1 else "",
                        level,
                        key=_key(rng),
                    )
                )
            _add_bullets(item, sections[section + 1] - sections[section], writer, bullets)
    for bullet in rng.sample(bullets, min(footnotes, len(bullets))):
        key = _key(rng)
        tree.footnotes[key] = f"See document {writer.text(3, 12)}"
        bullet.text = bullet.text[:-1] + f'<fn-ref data-key="{key}"></fn-ref>.'
    return tree


def long_paragraphs(seed: int = 0) -> tuple[Tree, Tree]:
    """Two saves of a short document holding paragraphs past the word diff's budget: one of
    20,000 characters rewritten throughout, one of 2.4 MB edited at both ends."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    old = make_tree(paragraphs=20, items=1, headings=2, footnotes=2, seed=seed)
    long_bullet = Node(PARAGRAPH, _prose(writer, 20_000), key=_key(rng))
    huge_bullet = Node(PARAGRAPH, _prose(writer, 2_400_000), key=_key(rng))
    old.nodes[0].children[3:3] = [long_bullet, huge_bullet]
    new = copy.deepcopy(old)
    new.nodes[0].children[3].text = _prose(writer, 20_000)
    huge = new.nodes[0].children[4]
    huge.text = "In short, " + _reword(huge.text, writer)
    return old, new


def _prose(writer: _Writer, chars: int) -> str:
    """Sentences up to about ``chars`` characters, as one paragraph."""
    sentences: list[str] = []
    length = 0
    while length < chars:
        sentences.append(writer.text())
        length += len(sentences[-1]) + 1
    return " ".join(sentences)


def _add_bullets(item: Node, count: int, writer: _Writer, bullets: list[Node]) -> None:
    """``count`` bullets under ``item``: most at the first level, some two and three deep."""
    rng = writer.rng
    first: Node | None = None
    second: Node | None = None
    for _ in range(count):
        bullet = Node(PARAGRAPH, writer.text(), key=_key(rng))
        depth = rng.random()
        if depth < 0.1 and second is not None:
            second.children.append(bullet)
        elif depth < 0.4 and first is not None:
            first.children.append(bullet)
            second = bullet
        else:
            item.children.append(bullet)
            first, second = bullet, None
        bullets.append(bullet)


def mutate(tree: Tree, fraction: float = 0.1, seed: int = 1) -> Tree:
    """The next draft: ``fraction`` of the bullets reworded, moved, reworded and moved (as
    a cut and paste: a new key), deleted, or joined by new ones; a footnote added near the
    start (renumbering the rest) and two footnotes reworded."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    new = copy.deepcopy(tree)
    chosen = rng.sample(_bullets(new), int(len(_bullets(new)) * fraction))
    share = len(chosen) * 15 // 100
    reworded, moved, pasted, deleted = (
        chosen[3 * share :],
        chosen[:share],
        chosen[share : 2 * share],
        chosen[2 * share : 3 * share],
    )
    for bullet in reworded:
        bullet.text = _reword(bullet.text, writer)
    for bullet in deleted:
        _detach(new, bullet)
    pasted_ids = {id(bullet) for bullet in pasted}
    for bullet in moved + pasted:
        _detach(new, bullet)
        if id(bullet) in pasted_ids:
            bullet.text, bullet.key = _reword(bullet.text, writer), _key(rng)
        _insert_somewhere(new, bullet, rng)
    for _ in range(share):
        _insert_somewhere(new, Node(PARAGRAPH, writer.text(), key=_key(rng)), rng)
    footnote = _key(rng)
    new.footnotes[footnote] = "New footnote on the scope of the review."
    first = _bullets(new)[0]
    first.text = first.text[:-1] + f'<fn-ref data-key="{footnote}"></fn-ref>.'
    for key in rng.sample(sorted(tree.footnotes), min(2, len(tree.footnotes))):
        new.footnotes[key] = _reword(new.footnotes[key], writer)
    return new


def strip_keys(tree: Tree, seed: int = 2) -> Tree:
    """The same document with fresh keys everywhere, as a draft imported from a file."""
    rng = random.Random(seed)
    new = copy.deepcopy(tree)
    footnotes = {key: _key(rng) for key in new.footnotes}
    for node, _depth in new.walk():
        node.key = _key(rng)
        node.text = FOOTNOTE_REF.sub(
            lambda call: f'<fn-ref data-key="{footnotes[call.group(1)]}"></fn-ref>', node.text
        )
    new.footnotes = {footnotes[key]: text for key, text in new.footnotes.items()}
    return new


def _bullets(tree: Tree) -> list[Node]:
    return [node for node, _depth in tree.walk() if node.kind == PARAGRAPH]


def _reword(text: str, writer: _Writer) -> str:
    """Replace, insert or drop a few words, leaving markup alone."""
    words = text.split(" ")
    for _ in range(writer.rng.randint(1, 4)):
        at = writer.rng.randrange(len(words))
        if "<" in words[at] or "[" in words[at] or "]" in words[at]:
            continue
        action = writer.rng.random()
        if action < 0.5:
            words[at] = writer.rng.choice(writer.words)
        elif action < 0.8:
            words.insert(at, writer.rng.choice(writer.words))
        elif len(words) > 3:
            del words[at]
    return " ".join(words)


def _siblings_of(tree: Tree, target: Node) -> list[Node] | None:
    if any(node is target for node in tree.nodes):
        return tree.nodes
    for node, _depth in tree.walk():
        if any(child is target for child in node.children):
            return node.children
    return None


def _detach(tree: Tree, target: Node) -> None:
    siblings = _siblings_of(tree, target)
    if siblings is not None:
        siblings[:] = [node for node in siblings if node is not target]


def _insert_somewhere(tree: Tree, bullet: Node, rng: random.Random) -> None:
    """Into the children of a random agenda item or first-level bullet, at a random place."""
    parents = [node for node, depth in tree.walk() if depth < 2 and node.kind != HEADING]
    parent = rng.choice(parents)
    parent.children.insert(rng.randint(0, len(parent.children)), bullet)
