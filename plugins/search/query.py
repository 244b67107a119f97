"""What a reader types, made into a query: words, "phrases", -exclusions and OR.

Every word must match, in the title, the people, the tags or the text; a chunk
written without spaces (卡片盒笔记) is cut into words like the text was. The same
small grammar is implemented by the static search (theme/static/js/search.js),
so the terminal, the API and the site read a query the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as q

from qunzhi.hub.errors import UsageError
from qunzhi.hub.words import fold

MAX_LENGTH = 200
QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"'})
CHUNK = re.compile(r'"([^"]*)"|(\S+)')


class QueryError(UsageError):
    """A query that cannot be searched; the message says what to change."""


@dataclass
class Parsed:
    """A query as units: each unit is a list of alternatives, each a run of words."""

    required: list[list[list[str]]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    # "phrases" as typed, folded: a page must hold each one as written (unless OR-joined)
    phrases: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [word for unit in self.required for run in unit for word in run]


def parse(text: str, analyze: Callable[[str], list[str]]) -> Parsed:
    """``analyze`` gives the words of a text as the index has them (folded, cut, stemmed)."""
    if len(text) > MAX_LENGTH:
        raise QueryError(
            f"expected a query of at most {MAX_LENGTH} characters, found {len(text)}; "
            "search for a few words"
        )
    text = text.translate(QUOTES)
    if text.count('"') % 2:
        raise QueryError('expected a closing " for the phrase, found none; remove the quote')
    parsed = Parsed()
    join_next = False
    for match in CHUNK.finditer(text):
        phrase, chunk = match.group(1), match.group(2)
        if phrase is None and chunk in ("OR", "|"):
            join_next = bool(parsed.required)
            continue
        if phrase is None and chunk == "AND":
            continue
        excluded = phrase is None and chunk.startswith("-") and len(chunk) > 1
        words = analyze(chunk.lstrip("-") if phrase is None else phrase)
        if not words:
            continue
        if excluded:
            parsed.excluded.append(words)
        elif phrase is not None:
            _add(parsed, [words], join_next)
            if not join_next and len(words) > 1:
                parsed.phrases.append(" ".join(fold(phrase).split()))
        else:
            # 卡片盒笔记 is two words, both required; an OR joins only the first of them
            _add(parsed, [[words[0]]], join_next)
            for word in words[1:]:
                _add(parsed, [[word]], False)
        join_next = False
    if not parsed.required:
        raise QueryError(
            f"expected words to search for, found only operators or punctuation in {text!r}"
        )
    return parsed


def _add(parsed: Parsed, unit: list[list[str]], join: bool) -> None:
    if join:
        parsed.required[-1].extend(unit)
    else:
        parsed.required.append(unit)


def whoosh_query(parsed: Parsed, fields: dict[str, float], strict: bool = True) -> q.Query:
    """All units required (``strict``), or any of them (to fill up a short result list)."""
    units = [q.Or([_run(run, fields) for run in unit]) for unit in parsed.required]
    found: q.Query = q.And(units) if strict else q.Or(units)
    if parsed.excluded:
        found = q.AndNot(found, q.Or([_run(run, fields) for run in parsed.excluded]))
    return found


def _run(words: list[str], fields: dict[str, float]) -> q.Query:
    """Every word of a run, each in any field (a phrase's order is checked on the text)."""
    return q.And(
        [
            q.Or([q.Term(name, word, boost=boost) for name, boost in fields.items()])
            for word in words
        ]
    )
