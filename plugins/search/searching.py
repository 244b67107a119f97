"""Ranked hits for a query, with filters and highlighted snippets: the CLI and the API.

One hit per page: when a transcript turn matches better than the page as a
whole, the hit links to that turn (``…/#turn-12``) and its snippet comes from it.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from whoosh import query as q
from whoosh.highlight import ContextFragmenter, HtmlFormatter, WholeFragmenter
from whoosh.searching import Searcher

from qunzhi.hub.documents import TYPES
from qunzhi.hub.render import shorten
from qunzhi.hub.values import FIRST_YEAR, date_in_range, parse_datetime
from qunzhi.hub.words import fold

from .analysis import analyzed
from .index import SEARCHED, stored_text, whoosh_date
from .query import Parsed, QueryError, parse, whoosh_query
from .records import SEARCHED_KINDS, Turn

# a type as a reader may write it: transcript, transcripts, 分享实录 (and 分享) …
KIND_ALIASES = {
    alias: content_type.kind
    for content_type, _ in TYPES.values()
    if content_type.kind in SEARCHED_KINDS
    for alias in (content_type.kind, content_type.folder, content_type.label)
} | {"分享": "transcript"}
SNIPPET_CHARACTERS = 120
PHRASE_HEADROOM = 5
CONTEXT = ContextFragmenter(maxchars=SNIPPET_CHARACTERS, surround=40)
AROUND = 480  # characters of a long page's text given to the highlighter
TURNS_APART = "\n\x1e\n"  # joins turns to fold them at once; folding keeps it as it is


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    group: str | None = None
    member: str | None = None
    tag: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class Hit:
    """One result, as the JSON of ``qunzhi search --json`` and ``/api/search`` has it.

    ``snippet`` is HTML: the text escaped, matched words in ``<mark>``."""

    url: str
    title: str
    type: str
    group: str
    date: str | None
    score: float
    snippet: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def search_day(text: str, zone: Any, end: bool) -> datetime | None:
    """A ``since``/``until`` date in the site's zone, or None if it is not one; a bare
    day as ``until`` means the whole day. A moment too early or too late to be told in
    UTC (0001-01-01 in Shanghai) is the first or the last the index can hold."""
    moment = parse_datetime(text, zone)
    if moment is None and not date_in_range(text):  # a date outside the content's range
        return datetime.min if int(text.strip()[:4]) < FIRST_YEAR else datetime.max
    if moment is not None and end and len(text.strip()) == 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    if moment is not None:
        try:
            moment.astimezone(UTC)
        except OverflowError:
            return datetime.min if moment.year == 1 else datetime.max
    return moment


def kind_of(written: str) -> str:
    kind = KIND_ALIASES.get(written.strip().lower())
    if kind is None:
        raise QueryError(
            f"expected a type (transcript, event, rule, member, page), found {written!r}"
        )
    return kind


def search(searcher: Searcher, text: str, filters: Filters, limit: int = 10) -> list[Hit]:
    """Pages where every word matches, best first; pages matching only some words follow.

    A transcript's hit links to the turn that holds most of the words."""
    analyzer = searcher.schema["body"].analyzer
    parsed = parse(text, lambda written: analyzed(analyzer, written, "query"))
    allowed = _filter(filters, lambda written: analyzed(analyzer, written, "query"))
    # a phrase is checked on the text after the index found its words: ask for more
    wanted = limit * PHRASE_HEADROOM if parsed.phrases else limit
    found: list[tuple[Any, Stored]] = []
    for strict in (True, False):
        results = searcher.search(
            whoosh_query(parsed, SEARCHED, strict=strict),
            limit=wanted + len(found),
            filter=allowed,
            terms=not strict,  # only _most_units reads matched terms: recording them costs time
        )
        results.formatter = HtmlFormatter(tagname="mark", between=" … ")
        seen = {result["url"] for result, _ in found}
        for result in results:
            if len(found) == limit or result["url"] in seen:
                continue
            stored = _stored(result["text"])
            if strict and not _holds(f"{result['title']} {stored.body}", parsed.phrases):
                continue
            if not strict and not _most_units(parsed, result.matched_terms()):
                continue
            found.append((result, stored))
        if len(found) >= limit or len(parsed.required) == 1:
            break
    return [_hit(result, stored, parsed.words) for result, stored in found]


def _most_units(parsed: Parsed, matched: Any) -> bool:
    """A page that matches only some words must match at least half of them: 的 alone,
    out of 完全不存在的词语组合, is no result."""
    words = {word for _, word in matched}
    held = sum(
        any(all(word.encode() in words or word in words for word in run) for run in unit)
        for unit in parsed.required
    )
    return held * 2 >= len(parsed.required)


def _holds(text: str, phrases: list[str]) -> bool:
    if not phrases:
        return True
    folded = " ".join(fold(text).split())
    return all(phrase in folded for phrase in phrases)


def _filter(filters: Filters, analyze: Any) -> q.Query | None:
    terms: list[q.Query] = []
    if filters.kind:
        terms.append(q.Term("kind", kind_of(filters.kind)))
    if filters.group:
        terms.append(q.Term("group", filters.group))
    if filters.member:
        named = [q.Term("members", filters.member)]
        words = analyze(filters.member)
        if words:
            named.append(
                q.Phrase("people", words) if len(words) > 1 else q.Term("people", words[0])
            )
        terms.append(q.Or(named))
    if filters.tag:
        terms.append(q.Term("tag", filters.tag.lower()))
    if filters.since or filters.until:
        since = whoosh_date(filters.since) if filters.since else None
        until = whoosh_date(filters.until) if filters.until else None
        terms.append(q.DateRange("date", since, until))
    return q.And(terms) if terms else None


def _hit(result: Any, stored: Stored, words: list[str]) -> Hit:
    """A page's hit, pointing at the turn that holds most of the query's words."""
    turn = _best_turn(stored, words)
    text = turn.text if turn else _around(stored.body, words)
    # a short text is shown whole; a long one as the pieces around the words
    short = len(text) <= SNIPPET_CHARACTERS
    result.results.fragmenter = WholeFragmenter() if short else CONTEXT
    snippet = result.highlights("body", text=text, top=2) or html.escape(
        shorten(text, SNIPPET_CHARACTERS) or result["summary"]
    )
    return Hit(
        url=f"{result['url']}#turn-{turn.number}" if turn else result["url"],
        title=f"{result['title']} · {turn.speaker}" if turn else result["title"],
        type=result["kind"],
        group=result["group"],
        date=result.get("day"),
        score=round(float(result.score), 3),
        snippet=snippet,
    )


def _around(text: str, words: list[str]) -> str:
    """The part of a long text where the snippet will come from: from a little before the
    first word found, ``AROUND`` characters (the highlighter analyses all it is given)."""
    if len(text) <= AROUND:
        return text
    folded = fold(text)
    found = [at for word in words if (at := folded.find(word)) >= 0]
    start = max(0, min(found) - CONTEXT.surround) if found else 0
    return text[start : start + AROUND]


@dataclass(frozen=True)
class Stored:
    """A hit's stored body and turns, and each turn's folded text."""

    body: str
    turns: tuple[Turn, ...]
    folded: tuple[str, ...]


@lru_cache(maxsize=256)
def _stored(text: bytes) -> Stored:
    """A hit's stored text, unpacked and folded once for the pages hit again and again
    (it was half a query's time); keyed by the stored bytes themselves, so a rebuilt
    index never meets a stale entry. Turns are folded in one call, not one each."""
    body, turns = stored_text({"text": text})
    folded = fold(TURNS_APART.join(turn.text for turn in turns)).split(TURNS_APART)
    if len(folded) != len(turns):  # a turn that holds the separator: one by one
        folded = [fold(turn.text) for turn in turns]
    return Stored(body, tuple(turns), tuple(folded))


def _best_turn(stored: Stored, words: list[str]) -> Turn | None:
    """The turn with the most of the words (then the most mentions); None if none has any."""
    best, best_key = None, (0, 0)
    for turn, folded in zip(stored.turns, stored.folded, strict=True):
        key = (sum(word in folded for word in words), sum(folded.count(word) for word in words))
        if key > best_key:
            best, best_key = turn, key
    return best
