"""Ranked hits for a query, with filters and highlighted snippets: the CLI and the API.

One hit per page: when a transcript turn matches better than the page as a
whole, the hit links to that turn (``…/#turn-12``) and its snippet comes from it.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from whoosh import query as q
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.searching import Searcher

from qunzhi.hub.render import shorten

from .analysis import analyzed
from .index import SEARCHED, stored_text, whoosh_date
from .query import QueryError, parse, whoosh_query

KIND_ALIASES = {
    "transcript": "transcript",
    "transcripts": "transcript",
    "分享": "transcript",
    "分享实录": "transcript",
    "event": "event",
    "events": "event",
    "活动": "event",
    "rule": "rule",
    "rules": "rule",
    "群规": "rule",
    "member": "member",
    "members": "member",
    "成员": "member",
    "page": "page",
    "pages": "page",
    "页面": "page",
}
KIND_LABELS = {
    "transcript": "分享实录",
    "event": "活动",
    "rule": "群规",
    "member": "成员",
    "page": "页面",
}
SNIPPET_CHARACTERS = 120


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


def kind_of(written: str) -> str:
    kind = KIND_ALIASES.get(written.strip().lower())
    if kind is None:
        raise QueryError(
            f"expected a type (transcript, event, rule, member, page), found {written!r}"
        )
    return kind


def search(searcher: Searcher, text: str, filters: Filters, limit: int = 10) -> list[Hit]:
    """Pages where every word matches, best first; pages matching only some words follow.

    Pages are ranked as wholes; a transcript's hit then links to its best turn."""
    analyzer = searcher.schema["body"].analyzer
    parsed = parse(text, lambda written: analyzed(analyzer, written, "query"))
    allowed = _filter(filters, lambda written: analyzed(analyzer, written, "query"))
    pages = q.And([q.Term("unit", "page"), allowed]) if allowed else q.Term("unit", "page")
    found: list[Any] = []
    for strict in (True, False):
        results = searcher.search(
            whoosh_query(parsed, SEARCHED, strict=strict), limit=limit + len(found), filter=pages
        )
        seen = {result["doc"] for result in found}
        found += [result for result in results if result["doc"] not in seen][: limit - len(found)]
        if len(found) >= limit or len(parsed.required) == 1:
            break
    turns = _best_turns(searcher, parsed, [result["doc"] for result in found])
    return [_hit(page, turns.get(page["doc"])) for page in found]


def _best_turns(searcher: Searcher, parsed: Any, docs: list[str]) -> dict[str, Any]:
    """The turn of each page that matches the query best."""
    if not docs:
        return {}
    within = q.And([q.Term("unit", "turn"), q.Or([q.Term("doc", doc) for doc in docs])])
    # Whoosh's collapse keeps the first document it meets when there is no limit, not
    # the best: keep the best of each page here.
    results = searcher.search(
        whoosh_query(parsed, SEARCHED, strict=False), limit=None, filter=within, terms=True
    )
    _snippets(results)
    best: dict[str, Any] = {}
    for result in results:
        best.setdefault(result["doc"], result)
    return best


def _snippets(results: Any) -> None:
    results.fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARACTERS, surround=40)
    results.formatter = HtmlFormatter(tagname="mark", between=" … ")


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


def _hit(page: Any, turn: Any | None) -> Hit:
    """A page's hit, pointing at its best turn when one matches."""
    best = turn if turn is not None else page
    if turn is None:
        _snippets(page.results)
    text = stored_text(best)
    snippet = best.highlights("body", text=text, top=2) or html.escape(
        shorten(text, SNIPPET_CHARACTERS) or page["summary"]
    )
    return Hit(
        url=best["url"],
        title=best["heading"],
        type=page["kind"],
        group=page["group"],
        date=page.get("day"),
        score=round(float(page.score), 3),
        snippet=snippet,
    )
