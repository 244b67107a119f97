"""What the search index holds: one record per published page, and one per transcript turn.

Only published documents become records, and only what their pages show: a private
member named in a transcript is searchable by the name as written there, never by
the aliases or id of the private profile.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from qunzhi.hub.documents import Doc, Event, Member, Transcript
from qunzhi.hub.hub import Hub
from qunzhi.hub.members import Person
from qunzhi.hub.render import plain_text

# The document kinds that have a page of their own (digest notes are merged into digests).
SEARCHED_KINDS = ("transcript", "event", "rule", "member", "page")


@dataclass(frozen=True)
class Turn:
    """A transcript turn, which a hit links to when it holds the words best."""

    number: int
    speaker: str
    text: str


@dataclass(frozen=True)
class Record:
    """One searchable page; a transcript's turns come along for linking and snippets."""

    url: str
    title: str
    kind: str
    group: str
    date: datetime | None
    people: str
    members: tuple[str, ...]
    tags: tuple[str, ...]
    body: str
    summary: str
    turns: tuple[Turn, ...] = ()

    @cached_property
    def digest(self) -> str:
        """The content hash: a page is analysed again only when it changes."""
        fields = [
            self.url,
            self.title,
            self.kind,
            self.group,
            str(self.date),
            self.people,
            *self.members,
            "\x1e",
            *self.tags,
            "\x1e",
            self.body,
            self.summary,
        ]
        fields += [f"{turn.number}\x1d{turn.speaker}\x1d{turn.text}" for turn in self.turns]
        return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()[:20]


def records(hub: Hub) -> list[Record]:
    """Every published page, in a stable order."""
    docs = sorted(hub.published, key=lambda d: d.url)
    return [_record(doc) for doc in docs if doc.kind in SEARCHED_KINDS]


def _record(doc: Doc) -> Record:
    turns = doc.turns if isinstance(doc, Transcript) else []
    return Record(
        url=doc.url,
        title=doc.title,
        kind=doc.kind,
        group=doc.group.id if doc.group is not None else "",
        date=doc.date,
        people=" ".join(_people(doc)),
        members=_member_ids(doc),
        tags=tuple(tag.name for tag in doc.tags),
        body=_body(doc),
        summary=doc.summary,
        turns=tuple(
            Turn(turn.number, turn.person.name, plain_text("".join(turn.parts))) for turn in turns
        ),
    )


def _body(doc: Doc) -> str:
    """The text a page shows: a member's job title and organisation too."""
    text = plain_text(doc.content)
    if isinstance(doc, Member):
        shown = [str(doc.meta[key]) for key in ("title", "org") if doc.meta.get(key)]
        text = f"{' · '.join(shown)}。{text}" if shown else text
    return text


def _persons(doc: Doc) -> list[Person]:
    """Everyone a page names: host, speakers, editor, who spoke."""
    persons: list[Person | None] = [doc.editor]
    if isinstance(doc, Transcript | Event):
        persons += [doc.host, *doc.speakers]
    if isinstance(doc, Transcript):
        persons += [person for person, _, _ in doc.speaker_stats]
    return [person for person in persons if person is not None]


def _people(doc: Doc) -> list[str]:
    names = [doc.name, *doc.aliases] if isinstance(doc, Member) else []
    for person in _persons(doc):
        names += _names(person)
    return list(dict.fromkeys(names))


def _member_ids(doc: Doc) -> tuple[str, ...]:
    """The public members a page is about or names, for ``--member``."""
    ids = [doc.id] if isinstance(doc, Member) else []
    ids += [person.member.id for person in _persons(doc) if person.public]
    return tuple(dict.fromkeys(ids))


def _names(person: Person) -> list[str]:
    if person.public:
        return [person.name, *person.member.aliases]
    return [person.written]


def names(hub: Hub) -> tuple[str, ...]:
    """The hub's own words the segmenter must keep whole: people, tags and groups."""
    found = [name for doc in hub.published if doc.kind in SEARCHED_KINDS for name in _people(doc)]
    found += [tag.name for tag in hub.tags]
    found += [group.name for group in hub.groups.values()]
    return tuple(sorted(set(found)))
