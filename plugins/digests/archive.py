"""All digests of a build: which periods have one, in which order, and where.

This is the interface for other features (the digest feeds), found in a build
at ``context["digests"]`` (made after every ``generate_context``) or made with
``Digests(hub)``: ``digests.of("week" | "month", group=None)`` lists the digests
of one kind for the hub or a group, oldest first. Each ``Digest`` has ``id``
(``2016-W01``, or ``paoge/2016-W01`` for a group), ``url``, ``title``,
``period.start`` and ``period.last`` (first and last moment, in the site's time
zone; ``period.end`` is the first moment after), ``summary`` (one line of text),
and ``digests.renderings.body(digest, siteurl, sitename)`` renders it as one
``<div>`` with inline styles (``qunzhi.digests.send.digest_html`` does too, without
keeping it).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from itertools import pairwise
from typing import Any

from qunzhi.hub.documents import LISTED_TYPES, Doc, Member
from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.hub import Group, Hub
from qunzhi.hub.settings import site_zone

from .gather import Digest, Sources, build_digest, in_scope
from .periods import Calendar, Period
from .renderings import Renderings
from .topics import Topics


def dated_docs(hub: Hub) -> list[Doc]:
    """Published documents that make a period: transcripts, events, rule sets, members joining."""
    return [
        doc
        for doc in hub.published
        if doc.date is not None and (doc.type.folder in LISTED_TYPES or isinstance(doc, Member))
    ]


class Digests:
    """Every digest of the hub and of each group, made once per build."""

    def __init__(self, hub: Hub, diagnostics: Diagnostics | None = None) -> None:
        """What is kept between builds is read from, and kept in, ``hub.store``."""
        settings = hub.settings
        self.hub = hub
        self.calendar = Calendar(site_zone(settings), settings["HUB_DIGEST_WEEK_START"])
        self.kinds: tuple[str, ...] = settings["HUB_DIGEST_PERIODS"]
        sources = Sources.of(hub, int(settings["HUB_DIGEST_QUOTES"]))
        by_period: dict[Period, list[Doc]] = defaultdict(list)
        for doc in dated_docs(hub):
            for kind in self.kinds:
                by_period[self.calendar.containing(kind, doc.date)].append(doc)
        # a period that has not begun (an event announced for next month) has no digest yet
        started = sorted(
            (period for period in by_period if period.start <= hub.now), key=lambda p: p.sort_key
        )
        self.all: list[Digest] = []
        for period in started:
            for group in [None, *hub.groups.values()]:
                docs = [doc for doc in by_period[period] if in_scope(doc, group)]
                digest = build_digest(sources, period, group, docs)
                if not digest.empty:
                    self.all.append(digest)
        topics = Topics(hub)
        ranked = topics.rank(
            [(digest.discussed, digest.period.end) for digest in self.all],
            int(settings["HUB_DIGEST_TOPICS"]),
        )
        for digest, words in zip(self.all, ranked, strict=True):
            digest.topics = words
        for kind in self.kinds:
            for group in [None, *hub.groups.values()]:
                chain = self.of(kind, group)
                for older, newer in pairwise(chain):
                    older.next, newer.previous = newer, older
        if diagnostics is not None:
            self._check_notes(diagnostics)

    @cached_property
    def renderings(self) -> Renderings:
        """The charts, newsletter files and feed bodies of this build's digests, each
        made once (and kept between builds); made when first asked for."""
        return Renderings(self.hub.store)

    def _check_notes(self, diagnostics: Diagnostics) -> None:
        shown = {digest.note.source for digest in self.all if digest.note is not None}
        for note in self.hub.digest_notes:
            if note.source not in shown:
                diagnostics.warn(
                    str(note.source),
                    1,
                    "file",
                    f"expected a {self._label(note.source.stem)} with published content, found "
                    "none (or its digests are switched off in HUB_DIGEST_PERIODS); "
                    "the note is not shown",
                )

    @staticmethod
    def _label(period_id: str) -> str:
        return "week" if "W" in period_id else "month"

    def of(self, kind: str, group: Group | None = None) -> list[Digest]:
        """Digests of one kind (week or month) for the hub or one group, oldest first."""
        return [d for d in self.all if d.period.kind == kind and d.group is group]

    def scope(self, group: Group | None) -> list[Digest]:
        return [digest for digest in self.all if digest.group is group]

    def find(self, period: Period, group: Group | None = None) -> Digest | None:
        return next((d for d in self.scope(group) if d.period == period), None)

    def latest(self, group: Group | None = None) -> Digest | None:
        """The digest that starts last (a week before a month that starts the same day)."""
        found = self.scope(group)
        return (
            max(found, key=lambda d: (d.period.start, d.period.kind == "week")) if found else None
        )

    def years(self, group: Group | None = None) -> list[tuple[int, list[dict[str, Any]]]]:
        """The archive: years and months newest first, each month with its digest and weeks."""
        months: dict[tuple[int, int], dict[str, Any]] = {}
        for digest in self.scope(group):
            key = digest.period.archive_month
            entry = months.setdefault(
                key, {"year": key[0], "month": key[1], "digest": None, "weeks": []}
            )
            if digest.period.kind == "month":
                entry["digest"] = digest
            else:
                entry["weeks"].append(digest)
        years: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for key in sorted(months, reverse=True):
            months[key]["weeks"].sort(key=lambda d: d.period.start, reverse=True)
            years[key[0]].append(months[key])
        return sorted(years.items(), reverse=True)
