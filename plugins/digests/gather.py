"""What a digest holds: the published content of one period, for the hub or a group.

Only published documents are looked at (``hub.published``), so drafts and
private documents give no item, quote, count or word. Everything is sorted on
stable keys, so the same content always makes the same digest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from qunzhi.hub.documents import (
    LISTED_TYPES,
    DigestNote,
    Doc,
    Event,
    Member,
    RuleSet,
    Transcript,
)
from qunzhi.hub.hub import Group, Hub
from qunzhi.hub.members import Person
from qunzhi.hub.transcript import Quote

from .periods import Period
from .rules import RuleChange, rule_change

SPEAKERS_SHOWN = 10


@dataclass
class TranscriptItem:
    doc: Transcript
    quotes: list[Quote]
    featured: bool


@dataclass(eq=False)
class Digest:
    """One week or month of the hub (``group`` None) or of one group."""

    period: Period
    group: Group | None
    note: DigestNote | None = None
    featured: list[Doc] = field(default_factory=list)  # highlights not listed below
    transcripts: list[TranscriptItem] = field(default_factory=list)
    events_held: list[Event] = field(default_factory=list)
    events_upcoming: list[Event] = field(default_factory=list)
    rule_changes: list[RuleChange] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    speakers: list[tuple[Person, int]] = field(default_factory=list)
    activity: list[tuple[date, int]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    highlighted: frozenset[str] = frozenset()
    in_progress: bool = False
    previous: Digest | None = None
    next: Digest | None = None

    @property
    def id(self) -> str:
        return self.period.id if self.group is None else f"{self.group.id}/{self.period.id}"

    @property
    def base(self) -> str:
        """URL of the archive this digest belongs to."""
        return "digests/" if self.group is None else f"{self.group.url}digests/"

    @property
    def url(self) -> str:
        return f"{self.base}{self.period.path}"

    @property
    def html_url(self) -> str:
        return f"{self.url}newsletter.html"

    @property
    def text_url(self) -> str:
        return f"{self.url}newsletter.txt"

    @property
    def title(self) -> str:
        scope = f"{self.group.name} · " if self.group is not None else ""
        kind = "周报" if self.period.kind == "week" else "月报"
        return f"{scope}{self.period.title}{kind}"

    @property
    def note_title(self) -> str:
        return self.note.meta.get("title", "") if self.note is not None else ""

    @property
    def docs(self) -> list[Doc]:
        """The documents of the period, in the order the digest shows them."""
        return [
            *(item.doc for item in self.transcripts),
            *self.events_held,
            *self.events_upcoming,
            *(change.doc for change in self.rule_changes),
            *self.members,
        ]

    @property
    def discussed(self) -> list[Doc]:
        """What the topics are drawn from: all but the profiles of new members."""
        return [doc for doc in self.docs if not isinstance(doc, Member)]

    @property
    def turns(self) -> int:
        return sum(turns for _, turns in self.activity)

    @property
    def empty(self) -> bool:
        return not self.docs

    @property
    def summary(self) -> str:
        """One line for lists and feeds: the editor's summary, else the counts."""
        if self.note is not None and self.note.meta.get("summary"):
            return str(self.note.meta["summary"])
        parts = []
        if self.transcripts:
            parts.append(f"{len(self.transcripts)} 篇分享实录")
        held = len(self.events_held) + len(self.events_upcoming)
        if held:
            parts.append(f"{held} 场活动")
        if self.rule_changes:
            parts.append(f"{len(self.rule_changes)} 份群规更新")
        if self.members:
            parts.append(f"{len(self.members)} 位新成员")
        text = "、".join(parts)
        if self.speakers:
            person, turns = self.speakers[0]
            text += f"；发言最多：{person.name}（{turns} 段）"
        if self.topics:
            text += f"；话题：{'、'.join(self.topics[:5])}"
        return text


def in_scope(doc: Doc, group: Group | None) -> bool:
    if group is None:
        return True
    return doc.group is group


@dataclass(frozen=True)
class Sources:
    """What every digest of a build looks things up in, made once."""

    now: datetime
    notes: dict[str, DigestNote]  # by period id
    by_slug: dict[str, Doc]  # what highlights can name
    quotes: int
    speakers: dict[int, list[tuple[str, Person, int]]] = field(default_factory=dict)

    def speakers_of(self, doc: Transcript) -> list[tuple[str, Person, int]]:
        """``(key, person, turns)`` of each speaker of a transcript, made once for the
        four digests that list it (its week and month, of the hub and of its group)."""
        found = self.speakers.get(id(doc))
        if found is None:
            found = [(person.key, person, count) for person, count, _ in doc.speaker_stats]
            self.speakers[id(doc)] = found
        return found

    @classmethod
    def of(cls, hub: Hub, quotes: int) -> Sources:
        return cls(
            hub.now,
            {note.source.stem: note for note in hub.digest_notes},
            {doc.slug: doc for doc in hub.published if doc.type.folder in LISTED_TYPES},
            quotes,
        )


def build_digest(sources: Sources, period: Period, group: Group | None, docs: list[Doc]) -> Digest:
    """The digest of ``period`` from ``docs`` (the period's published documents, in scope)."""
    digest = Digest(period, group, in_progress=period.end > sources.now)
    digest.note = sources.notes.get(period.id) if group is None else None
    highlights = list(digest.note.meta.get("highlights", [])) if digest.note else []
    digest.highlighted = frozenset(highlights)

    def order(doc: Doc) -> tuple[Any, ...]:
        rank = highlights.index(doc.slug) if doc.slug in highlights else len(highlights)
        return (rank, doc.date, doc.slug)

    ordered = sorted(docs, key=order)
    for doc in ordered:
        if isinstance(doc, Transcript):
            chosen = [quote for quote in doc.quotes if quote.text][: sources.quotes]
            digest.transcripts.append(TranscriptItem(doc, chosen, doc.slug in digest.highlighted))
        elif isinstance(doc, Event):
            (digest.events_upcoming if doc.upcoming else digest.events_held).append(doc)
        elif isinstance(doc, RuleSet):
            digest.rule_changes.append(rule_change(doc))
        elif isinstance(doc, Member) and group is None:
            digest.members.append(doc)
    listed = {doc.slug for doc in digest.docs}
    digest.featured = [
        sources.by_slug[slug]
        for slug in highlights
        if slug in sources.by_slug and slug not in listed
    ]
    _count_speakers(digest, sources)
    return digest


def _count_speakers(digest: Digest, sources: Sources) -> None:
    """Turns per person (who spoke most) and per day (the chart), in the site's time zone."""
    turns: Counter[str] = Counter()
    people: dict[str, Person] = {}
    per_day: Counter[date] = Counter()
    zone = digest.period.start.tzinfo
    for item in digest.transcripts:
        for key, person, count in sources.speakers_of(item.doc):
            people.setdefault(key, person)
            turns[key] += count
        day = item.doc.date.astimezone(zone).date()
        per_day[day] += len(item.doc.turns)
    ranked = sorted(turns.items(), key=lambda pair: (-pair[1], people[pair[0]].name))
    digest.speakers = [(people[key], count) for key, count in ranked[:SPEAKERS_SHOWN]]
    digest.activity = [(day, per_day[day]) for day in digest.period.days]
