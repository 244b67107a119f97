"""Each digest's chart, newsletter files and feed body: made once per build, kept
between builds.

The page, ``newsletter.html`` and the digest feeds' entries show the same chart;
the newsletter files and the feed body read nothing but the digest, the site's
name and address and the templates of this plugin (``send``), so a digest whose
``fingerprint`` is unchanged is not rendered again: years of weeks make hundreds
of digests, and a build with one edited transcript changes a few of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from qunzhi.hub.documents import Doc
from qunzhi.hub.store import BuildStore, digest

from .chart import activity_svg
from .gather import Digest
from .send import chart_input, digest_html, digest_text, newsletter_html

TEMPLATES = Path(__file__).parent / "templates"


def fingerprint(digest: Digest) -> tuple[Any, ...]:
    """Everything of a digest its renderings print, as plain values: two digests with
    the same fingerprint render the same bytes (for the same site name and address)."""
    group = digest.group
    note = digest.note
    return (
        digest.period.kind,
        digest.period.id,
        digest.period.start.isoformat(),
        digest.period.end.isoformat(),
        digest.in_progress,
        (group.id, group.name, group.url) if group is not None else None,
        (note.meta.get("title"), note.meta.get("summary"), str(note.content), note.body)
        if note is not None
        else None,
        [_doc(doc) for doc in digest.featured],
        [
            (
                item.featured,
                _doc(item.doc),
                [(quote.text, _name(quote.person)) for quote in item.quotes],
            )
            for item in digest.transcripts
        ],
        [_doc(doc) for doc in digest.events_held],
        [_doc(doc) for doc in digest.events_upcoming],
        [
            (_doc(change.doc), change.version, change.note, change.entries)
            for change in digest.rule_changes
        ],
        [_doc(doc) for doc in digest.members],
        [(person.name, turns) for person, turns in digest.speakers],
        [(day.isoformat(), turns) for day, turns in digest.activity],
        list(digest.topics),
    )


def _name(person: Any) -> str | None:
    return person.name if person is not None else None


def _doc(doc: Doc) -> tuple[Any, ...]:
    """What a digest prints of a document it lists."""
    when = getattr(doc, "when", None)
    return (
        type(doc).__name__,
        doc.url,
        doc.title,
        doc.summary,
        (when.at.isoformat(), when.has_time) if when is not None else None,
        _name(getattr(doc, "host", None)),
        [person.name for person in getattr(doc, "speakers", [])],
        repr(doc.meta.get("location")),
        repr(doc.meta.get("attendees")),
        getattr(doc, "name", None),
    )


class Renderings:
    """The renderings of one build's digests, by fingerprint, in the step "digests" of
    the build store: made by this module's code (``send``, ``chart``, the filters …) and
    the newsletter templates."""

    def __init__(self, store: BuildStore) -> None:
        templates = sorted((path.name, path.read_bytes()) for path in TEMPLATES.glob("*.html"))
        self.cache = store.step("digests", templates, code=[__name__])
        self._fingerprints: dict[int, str] = {}

    def _key(self, kind: str, item: Digest, *parts: Any) -> str:
        found = self._fingerprints.get(id(item))
        if found is None:
            found = self._fingerprints[id(item)] = digest(fingerprint(item))
        return digest(kind, found, *parts)

    def _kept(self, key: str, make: Callable[[], Any]) -> Any:
        found = self.cache.get(key)
        if found is None:
            found = make()
            self.cache.put(key, found)
        return found

    def page(self, item: Digest) -> tuple[Any, ...]:
        """What a digest's page shows of it: its data, its rule changes' comparison and its
        neighbours' links (the theme's page prints more than the newsletter)."""
        neighbours = [(d.url, d.title) if d else None for d in (item.previous, item.next)]
        compared = [(change.compared, change.previous) for change in item.rule_changes]
        return self._key("page", item), compared, neighbours

    def chart(self, item: Digest) -> Markup:
        """The activity chart as inline SVG (safe: made by ``xml.etree``)."""
        days, title, chart_id = chart_input(item)
        key = digest("chart", title, chart_id, [(day.isoformat(), n) for day, n in days])
        return Markup(self._kept(key, lambda: activity_svg(days, title, chart_id)))

    def newsletter(self, item: Digest, siteurl: str, sitename: str) -> str:
        key = self._key("newsletter", item, siteurl, sitename)
        return self._kept(key, lambda: newsletter_html(item, siteurl, sitename, self.chart(item)))

    def text(self, item: Digest, siteurl: str) -> str:
        return self._kept(self._key("text", item, siteurl), lambda: digest_text(item, siteurl))

    def body(self, item: Digest, siteurl: str, sitename: str) -> Markup:
        key = self._key("body", item, siteurl, sitename)
        return Markup(
            self._kept(key, lambda: str(digest_html(item, siteurl, sitename, self.chart(item))))
        )
