"""Going on reading: previous and next, related documents, and reading time.

Previous and next follow the date within one group and type (a transcript of 潜行读书会
leads to the group's next transcript). Related documents share tags, people and the
nouns of their titles; a feature that many documents share (a group's every host)
says little and is left out. What a page shows of its neighbours is plain data
(``Around``), so a page's memo key can hold it: a neighbour's new title renders the
page again, an unrelated edit does not.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .documents import Doc, Event, Transcript
from .hub import Hub
from .words import Analyser

RELATED = 3
CHARACTERS_PER_MINUTE = 400  # reading Chinese on a screen: 300 to 500
COMMON = 50  # a feature of more documents than this does not relate them
WEIGHTS = {"tag": 3, "person": 2, "word": 1}
NOUNS = frozenset({"n", "nz", "vn", "eng", "x", "nr", "ns", "nt"})
WITH_NEIGHBOURS = ("transcript", "event", "rule")

Link = tuple[str, str, str]  # title, site-relative URL, date as written or ""


@dataclass(frozen=True)
class Around:
    """A document's neighbours as its page shows them."""

    previous: Link | None
    next: Link | None
    related: tuple[Link, ...]
    minutes: int


def link(doc: Doc) -> Link:
    return (doc.title, doc.url, f"{doc.date:%Y-%m-%d}" if doc.date is not None else "")


def reading_minutes(characters: int) -> int:
    return max(1, round(characters / CHARACTERS_PER_MINUTE))


class Neighbours:
    """Previous, next and related documents of every published document of one build."""

    def __init__(self, hub: Hub) -> None:
        docs = [doc for doc in hub.published if doc.kind in WITH_NEIGHBOURS]
        self.order: dict[int, tuple[list[Doc], int]] = {}
        rows: dict[tuple[str, str], list[Doc]] = defaultdict(list)
        for doc in docs:
            rows[(doc.kind, doc.group.id if doc.group else "")].append(doc)
        for row in rows.values():
            row.sort(key=lambda d: (d.date is not None, d.date or 0, d.slug))
            for place, doc in enumerate(row):
                self.order[id(doc)] = (row, place)
        analyser = Analyser([tag.name for tag in hub.tags])
        self.features = {id(doc): set(_features(doc, analyser)) for doc in docs}
        self.holders: dict[tuple[str, str], list[Doc]] = defaultdict(list)
        for doc in docs:
            for feature in self.features[id(doc)]:
                self.holders[feature].append(doc)

    def around(self, doc: Doc, was: Doc | None = None) -> Around:
        """``doc``'s neighbours; ``was``: the document it replaces, whose place it takes
        (a preview of an edit, before the whole rebuild)."""
        placed = was if was is not None else doc
        previous = following = None
        if id(placed) in self.order:
            row, place = self.order[id(placed)]
            previous = row[place - 1] if place > 0 else None
            following = row[place + 1] if place + 1 < len(row) else None
        beside = [other for other in (previous, following) if other is not None]
        return Around(
            link(previous) if previous is not None else None,
            link(following) if following is not None else None,
            tuple(link(other) for other in self.related(placed, beside)),
            reading_minutes(_characters(doc)),
        )

    def related(self, doc: Doc, beside: list[Doc]) -> list[Doc]:
        """Up to RELATED documents sharing the most weighted features, newest first on ties
        (then by URL); not those ``beside`` it (previous and next are linked already)."""
        scores: Counter[int] = Counter()
        others: dict[int, Doc] = {}
        for feature in self.features.get(id(doc), ()):
            holders = self.holders[feature]
            if len(holders) > COMMON:
                continue
            for other in holders:
                if other is not doc and other not in beside:
                    scores[id(other)] += WEIGHTS[feature[0]]
                    others[id(other)] = other
        ranked = sorted(  # the URL last: the features are a set, visited in any order
            scores,
            key=lambda key: (
                -scores[key],
                -(others[key].date.timestamp() if others[key].date else 0),
                others[key].url,
            ),
        )
        return [others[key] for key in ranked[:RELATED]]


def _features(doc: Doc, analyser: Analyser) -> Iterable[tuple[str, str]]:
    for tag in doc.tags:
        yield ("tag", tag.name)
    if isinstance(doc, Transcript | Event):
        for person in [doc.host, *doc.speakers]:
            if person is not None:
                yield ("person", person.key)
    for word, _ in analyser.tagged(doc.title, NOUNS):
        if len(word) > 1:
            yield ("word", word)


def _characters(doc: Doc) -> int:
    if isinstance(doc, Transcript):
        return sum(turn.characters for turn in doc.turns) or len(doc.body)
    return len(doc.body)
