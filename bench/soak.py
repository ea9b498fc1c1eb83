"""`make soak`: many people editing one working draft at once, on the production stack.

Set-up: a PostgreSQL database (``DATABASE_URL``; `make soak` makes a throw-away one), the
demo meetings, and ``SOAK_WRITERS`` (50) members of BMS7's chair's team. Then `make serve`
(gunicorn, workers and threads from the core count) starts on a free port of 127.0.0.1 and
every writer signs in through the sign-in form and makes ``SOAK_EDITS`` (40) edits over HTTP,
all at once: text saves of its own paragraph and of five paragraphs everyone shares (each
save based on the revision it last saw, so some are refused as conflicts, as they should
be), new paragraphs, moves up and down, indents and outdents, and deletions.

Then it checks, from the database, that nothing an answer called saved was lost:

- no request got a server error (5xx);
- every text save answered 200 is in the paragraph's history, once (history rows of text
  saves equal accepted saves: each save comes from its own tab here, so none merge), and
  the paragraph's text now is the last of them, unless the paragraph was deleted after;
- no text save wrote back a stale place: each text save's history row stands under the
  parent its previous row (a move, say) left it under;
- the tree is valid: no orphan, no cycle, positions 0, 1, 2 … under every parent.

Prints a table of the figures; exits 1 if any check fails. Bounded in time.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadtest import BIND, start_server, stop_server  # noqa: E402

WRITERS = int(os.environ.get("SOAK_WRITERS", "50"))
EDITS = int(os.environ.get("SOAK_EDITS", "40"))
TIME_LIMIT = int(os.environ.get("SOAK_SECONDS", "900"))
PASSWORD = "soak-writer-password"
MEETING = "BMS7"
SHARED = 5
REVISION = re.compile(r'data-revision="(\d+)"')


@dataclass
class Answer:
    writer: int
    action: str
    key: str
    status: int
    text: str = ""
    group: str = ""


@dataclass
class Writer:
    """One person in their own browser: signs in, then edits."""

    number: int
    shared: list[str]
    answers: list[Answer] = field(default_factory=list)
    own: list[str] = field(default_factory=list)
    revisions: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.random = random.Random(self.number)

    # HTTP ------------------------------------------------------------------------------

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(f"http://{BIND}{path}", data=body)
        if data is not None:
            request.add_header("X-CSRFToken", self.csrf())
            request.add_header("Referer", f"http://{BIND}{path}")
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self) -> None:
        self.request("/accounts/login/")
        status, _body, _headers = self.request(
            "/accounts/login/",
            {
                "username": f"soak-{self.number}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf(),
            },
        )
        if status not in (200, 302):
            raise RuntimeError(f"writer {self.number} could not sign in: {status}")

    def edit(self, key: str, action: str, **data: object) -> Answer:
        tab = str(uuid.uuid4())  # a tab of its own: saves never merge in history here
        status, body, headers = self.request(
            f"/meetings/{MEETING}/working/elements/{key}/{action}/", {**data, "tab": tab}
        )
        event = json.loads(headers.get("HX-Trigger", "{}") or "{}")
        detail = next(iter(event.values()), {}) if event else {}
        answer = Answer(self.number, action, key, status, str(data.get("text", "")))
        answer.group = detail.get("group", "") if isinstance(detail, dict) else ""
        if action == "text" and status == 200:
            found = REVISION.search(body)
            if found:
                self.revisions[key] = int(found.group(1))
        if action == "add-paragraph" and status == 200:
            self.own.append(detail["focus"])
            self.revisions[detail["focus"]] = current_revision(detail["focus"])
        self.answers.append(answer)
        return answer

    # The mix of edits -------------------------------------------------------------------

    def run(self, anchor: str) -> None:
        self.sign_in()
        self.edit(anchor, "add-paragraph", text=f"Writer {self.number}'s paragraph")
        for step in range(EDITS):
            self.one_edit(step, anchor)

    def one_edit(self, step: int, anchor: str) -> None:
        choice = self.random.random()
        mine = self.random.choice(self.own) if self.own else None
        if mine is None:
            self.edit(anchor, "add-paragraph", text=f"Writer {self.number} again")
        elif choice < 0.35:
            text = f"Writer {self.number}, edit {step}, on their own paragraph"
            self.edit(mine, "text", text=text, revision=self.revisions.get(mine, 1))
        elif choice < 0.55:
            key = self.random.choice(self.shared)
            text = f"Writer {self.number}, edit {step}, on a shared paragraph"
            self.edit(key, "text", text=text, revision=current_revision(key))
        elif choice < 0.65:
            self.edit(mine, "add-paragraph", text=f"Writer {self.number}, new at {step}")
        elif choice < 0.80:
            key = self.random.choice([mine, *self.shared])
            self.edit(key, self.random.choice(["move-up", "move-down"]))
        elif choice < 0.92:
            self.edit(mine, self.random.choice(["indent", "outdent"]))
        else:
            answer = self.edit(mine, "delete")
            if answer.status == 200:
                self.own.remove(mine)


def current_revision(key: str) -> int:
    from drafting.models import Element

    return Element.objects.filter(key=key).values_list("revision", flat=True).first() or 1


# Set-up and checks (inside Django) -------------------------------------------------------


def set_up() -> tuple[str, list[str]]:
    """Demo data, the writers, a working draft; the anchor and shared paragraphs' keys."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from drafting.models import OutcomeDocument
    from meetings.models import Meeting, Membership

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", "--with-demo-accounts-in-production", verbosity=0)
    meeting = Meeting.objects.get(code=MEETING)
    for number in range(WRITERS):
        user, _created = User.objects.get_or_create(username=f"soak-{number}")
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.get_or_create(
            user=user, meeting=meeting, defaults={"role": Membership.Role.CHAIR_TEAM}
        )
    working = OutcomeDocument.objects.get(meeting=meeting).working_draft()
    paragraphs = list(
        working.elements.filter(kind="paragraph", parent__kind="agenda_item")
        .exclude(text="")
        .order_by("parent__position", "position")
        .values_list("key", flat=True)
    )
    anchor = working.elements.filter(kind="agenda_item").order_by("position").first()
    return str(anchor.key), [str(key) for key in paragraphs[:SHARED]]


def checks(answers: list[Answer]) -> dict[str, int]:
    from drafting.models import ChangeKind, Element, OutcomeDocument

    working = OutcomeDocument.objects.get(meeting__code=MEETING).working_draft()
    figures: Counter[str] = Counter()
    figures["requests"] = len(answers)
    figures["server_errors"] = sum(a.status >= 500 for a in answers)
    for answer in answers:
        figures[f"answered_{answer.status}"] += 1
    saves: dict[str, list[str]] = defaultdict(list)
    for answer in answers:
        if answer.action == "text" and answer.status == 200:
            saves[answer.key].append(answer.text)
    figures["accepted_text_saves"] = sum(len(texts) for texts in saves.values())
    shared = {a.key for a in answers if "shared paragraph" in a.text}
    for answer in answers:
        if answer.status == 409:
            where = "shared" if answer.key in shared else "own"
            figures[f"conflicts_{answer.action}_{where}"] += 1
    for key, texts in saves.items():
        rows = list(
            Element.history.filter(
                version_id=working.pk, key=key, history_type="~", change_kind=ChangeKind.TEXT
            )
            .exclude(history_change_reason="copied from Draft 1")
            .order_by("history_id")
            .values_list("text", flat=True)
        )
        figures["lost_saves"] += sum((Counter(texts) - Counter(rows)).values())
        figures["history_rows_without_an_accepted_save"] += sum(
            (Counter(rows) - Counter(texts)).values()
        )
        element = Element.objects.filter(version=working, key=key).first()
        if element is not None and rows and element.text != rows[-1]:
            figures["final_text_not_the_last_save"] += 1
    figures["stale_places_written"] = stale_places(working.pk)
    figures["invalid_tree"] = 0 if tree_is_valid(working) else 1
    return dict(figures)


def stale_places(version_id: int) -> int:
    """Text saves whose history row stands under another parent than the row before it."""
    from drafting.models import ChangeKind, Element

    rows = Element.history.filter(version_id=version_id).order_by("id", "history_id")
    stale, previous = 0, None
    for row in rows.values("id", "parent_id", "change_kind", "history_type"):
        same = previous is not None and previous["id"] == row["id"]
        if same and row["change_kind"] == ChangeKind.TEXT and row["history_type"] == "~":
            stale += row["parent_id"] != previous["parent_id"]
        previous = row
    return stale


def tree_is_valid(version) -> bool:
    """No orphan, no cycle, and positions 0, 1, 2 … under every parent (tests/test_races.py
    asks the same of each race)."""
    rows = list(version.elements.values_list("id", "parent_id", "position"))
    ids = {pk for pk, _parent, _position in rows}
    by_parent: dict[int | None, list[int]] = defaultdict(list)
    parent_of = {}
    for pk, parent, position in rows:
        if parent is not None and parent not in ids:
            return False
        by_parent[parent].append(position)
        parent_of[pk] = parent
    if any(sorted(p) != list(range(len(p))) for p in by_parent.values()):
        return False
    for pk in ids:
        seen, current = set(), pk
        while current is not None:
            if current in seen:
                return False
            seen.add(current)
            current = parent_of[current]
    return True


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("make soak runs on PostgreSQL: set DATABASE_URL=postgres://…")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    anchor, shared = set_up()
    server = start_server()
    started = time.monotonic()
    try:
        writers = [Writer(number, shared) for number in range(WRITERS)]
        threads = [threading.Thread(target=w.run, args=(anchor,), daemon=True) for w in writers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(1, TIME_LIMIT - (time.monotonic() - started)))
        unfinished = sum(thread.is_alive() for thread in threads)
    finally:
        stop_server(server)
    seconds = time.monotonic() - started
    answers = [answer for writer in writers for answer in writer.answers]
    figures = checks(answers) | {"writers": WRITERS, "edits_each": EDITS, "unfinished": unfinished}
    print(f"{'figure':<40} value")
    for name, value in sorted(figures.items()):
        print(f"{name:<40} {value}")
    print(f"{'seconds':<40} {seconds:.1f}")
    failed = any(
        figures.get(name, 0)
        for name in (
            "server_errors",
            "lost_saves",
            "history_rows_without_an_accepted_save",
            "final_text_not_the_last_save",
            "stale_places_written",
            "invalid_tree",
            "unfinished",
        )
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
