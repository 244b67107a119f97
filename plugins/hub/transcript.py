"""A transcript body as a conversation: turns, sections and attributed quotes.

The body is split into Markdown blocks (paragraphs, fenced code kept whole). A
block, or a line inside one, opens a turn only when it begins ``NAME:`` and NAME
is a known person, so "注意:" and "举例:" stay ordinary text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup

from .members import Person
from .render import FENCE, Renderer, plain_text, unwrap_paragraph
from .values import ZERO_WIDTH, parse_datetime

TURN_START = re.compile(
    r"^(?:\[(?P<time>(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?)\]\s*)?"
    r"(?P<name>[^\s:：\[\]>#*`][^:：\[\]]{0,39}?)\s*[:：]\s*(?P<rest>.*)$"
)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTRIBUTION = re.compile(r"^(?:——|—|--)\s*(?P<name>.+?)\s*$")


@dataclass
class Quote:
    """A highlighted quote (精彩语录) and who said it."""

    person: Person | None
    html: str
    text: str
    turn: int | None


@dataclass
class Turn:
    number: int
    person: Person
    time: str | None
    line: int
    parts: list[str] = field(default_factory=list)
    characters: int = 0

    @property
    def anchor(self) -> str:
        return f"turn-{self.number}"


@dataclass
class Conversation:
    html: str
    turns: list[Turn]
    quotes: list[Quote]
    sections: list[tuple[str, str]]

    def speaker_stats(self) -> list[tuple[Person, int, int]]:
        """(person, turns, characters) by turns, most first."""
        turns: Counter[str] = Counter()
        characters: Counter[str] = Counter()
        people: dict[str, Person] = {}
        keys: dict[Person, str] = {}  # a key is looked up once per person, not per turn
        for turn in self.turns:
            key = keys.get(turn.person)
            if key is None:
                key = keys[turn.person] = turn.person.key
            people.setdefault(key, turn.person)
            turns[key] += 1
            characters[key] += turn.characters
        return [(people[key], count, characters[key]) for key, count in turns.most_common()]


def blocks(body: str, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks with their first line; fenced code stays one block."""
    current: list[str] = []
    start = first_line
    fenced = False
    for number, line in enumerate(body.split("\n"), first_line):
        if FENCE.match(line.strip()):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                yield start, current
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        yield start, current


def lay_out(
    body: str,
    first_line: int,
    speaker: Callable[[str], Person | None],
    quote_speaker: Callable[[str], Person | None],
) -> _Layout:
    """Which block of a transcript body is a heading, quote, turn or text; the Markdown
    of the blocks is collected, not converted yet (``Renderer.joined(layout.chunks)``)."""
    layout = _Layout()
    for line, block in _split_at_turns(blocks(body, first_line), speaker):
        first = block[0].strip()
        heading = HEADING.match(first) if len(block) == 1 else None
        if heading:
            layout.close_turn()
            layout.add(("heading", len(heading.group(1)), layout.chunk(heading.group(2))))
            continue
        if all(row.lstrip().startswith(">") for row in block):
            layout.flush()
            quote, source = _quote(block, layout.turn, quote_speaker)
            layout.quotes.append(quote)
            layout.add(("quote", quote, layout.chunk(source)))
            continue
        match = TURN_START.match(first)
        person = speaker(match.group("name")) if match else None
        if match and person is not None:
            layout.open_turn(person, match.group("time"), line)
            layout.pending.extend([match.group("rest"), *block[1:], ""])
            continue
        layout.pending.extend([*block, ""])
    layout.close_turn()
    return layout


def hidden_in_names(
    body: str, first_line: int, speaker: Callable[[str], Person | None]
) -> Iterator[tuple[int, str]]:
    """(line, name as written) of each turn whose speaker's name holds zero-width
    characters; ``speaker`` (which strips them) found the person anyway."""
    for number, line in enumerate(body.split("\n"), first_line):
        match = TURN_START.match(line.strip()) if ZERO_WIDTH.search(line) else None
        if match and ZERO_WIDTH.search(match.group("name")) and speaker(match.group("name")):
            yield number, match.group("name")


def impossible_time(written: str) -> bool:
    """``[25:61]``: an hour, minute or second (or a day) that no clock shows."""
    *day, clock = written.replace("T", " ").split(" ")
    hours, minutes, *seconds = (int(part) for part in clock.split(":"))
    if hours > 23 or minutes > 59 or any(second > 59 for second in seconds):
        return True
    return bool(day) and parse_datetime(day[0], UTC) is None


def converse(
    layout: _Layout, renderer: Renderer, day: datetime | None, siteurl: str
) -> Conversation:
    """Convert the Markdown of a laid-out body in one pass and assemble the HTML."""
    rendered, tail = renderer.html_many(layout.chunks)
    conversation = layout.assemble(rendered, day, siteurl)
    if tail:
        conversation.html += "\n" + tail
    return conversation


class _Layout:
    """The conversation as a sequence of entries whose Markdown is not converted yet."""

    def __init__(self) -> None:
        self.entries: list[tuple[Any, ...]] = []
        self.chunks: list[str] = []
        self.turns: list[Turn] = []
        self.quotes: list[Quote] = []
        self.turn: Turn | None = None
        self.pending: list[str] = []
        self._turn_entries: dict[int, list[tuple[Any, ...]]] = {}

    def chunk(self, text: str) -> int:
        self.chunks.append(text)
        return len(self.chunks) - 1

    def add(self, entry: tuple[Any, ...]) -> None:
        if self.turn is None:
            self.entries.append(entry)
        else:
            self._turn_entries[self.turn.number].append(entry)

    def flush(self) -> None:
        if self.pending:
            self.add(("text", self.chunk("\n".join(self.pending))))
            self.pending.clear()

    def close_turn(self) -> None:
        self.flush()
        self.turn = None

    def open_turn(self, person: Person, time: str | None, line: int) -> None:
        self.close_turn()
        self.turn = Turn(len(self.turns) + 1, person, time, line)
        self.turns.append(self.turn)
        self.entries.append(("turn", self.turn))
        self._turn_entries[self.turn.number] = []

    def assemble(self, rendered: list[str], day: datetime | None, siteurl: str) -> Conversation:
        sections: list[tuple[str, str]] = []
        quoted = [0]

        def html(entry: tuple[Any, ...], turn: Turn | None) -> str:
            kind = entry[0]
            if kind == "text":
                if turn is not None:
                    turn.characters += len(plain_text(rendered[entry[1]]))
                return rendered[entry[1]]
            if kind == "quote":
                quote = entry[1]
                quote.html = Markup(rendered[entry[2]])
                quote.text = plain_text(quote.html)
                quoted[0] += 1
                return _quote_html(quote, siteurl, quoted[0])
            if kind == "heading":
                anchor = f"section-{len(sections) + 1}"
                title = unwrap_paragraph(rendered[entry[2]])
                sections.append((anchor, plain_text(title)))
                level = min(entry[1], 6)
                return f'<h{level} id="{anchor}">{title}</h{level}>'
            turn = entry[1]
            turn.parts = [html(part, turn) for part in self._turn_entries[turn.number]]
            return _turn_html(turn, day, siteurl)

        out = "\n".join(html(entry, None) for entry in self.entries)
        return Conversation(out, self.turns, self.quotes, sections)


def _split_at_turns(
    found: Iterator[tuple[int, list[str]]], speaker: Callable[[str], Person | None]
) -> Iterator[tuple[int, list[str]]]:
    """Also start a block at each line that opens a turn, and where a quote begins or ends.

    Chat logs are often pasted one message a line with no blank lines between;
    each line that begins with a known speaker's ``NAME:`` is then its own turn,
    and ``>`` lines right under a message are still a highlighted quote.
    """
    for line, block in found:
        if any(FENCE.match(row.strip()) for row in block):
            yield line, block
            continue
        start = 0
        for offset in range(1, len(block)):
            row = block[offset].strip()
            quoted = row.startswith(">")
            match = None if quoted else TURN_START.match(row)
            opens_turn = match is not None and speaker(match.group("name")) is not None
            if opens_turn or quoted != block[offset - 1].strip().startswith(">"):
                yield line + start, block[start:offset]
                start = offset
        yield line + start, block[start:]


def _quote(
    block: list[str], turn: Turn | None, speaker: Callable[[str], Person | None]
) -> tuple[Quote, str]:
    """A quote and its Markdown: attributed to ``—— NAME`` or to the turn it sits in."""
    rows = [re.sub(r"^\s*>\s?", "", row) for row in block]
    while rows and not rows[-1].strip():
        rows.pop()
    person = turn.person if turn is not None else None
    attribution = ATTRIBUTION.match(rows[-1].strip()) if rows else None
    if attribution and len(rows) > 1:
        written = attribution.group("name")
        person = speaker(written) or Person(written)
        rows.pop()
    return Quote(person, "", "", turn.number if turn else None), "\n".join(rows)


def _person_html(person: Person, css: str, siteurl: str) -> str:
    name = html.escape(person.name)
    if person.url:
        return f'<a class="{css}" href="{siteurl}/{person.url}">{name}</a>'
    return f'<span class="{css}">{name}</span>'


def _quote_html(quote: Quote, siteurl: str, number: int) -> str:
    """A quote with its permalink (``#quote-N``); on a transcript's page the reader's
    browser adds a button that draws its quote card (``theme/static/js/quote-card.js``)."""
    anchor = f"quote-{number}"
    links = f'<a class="copy-link quote-link" href="#{anchor}">链接</a>'
    if quote.person is None:
        return (
            f'<blockquote class="quote" id="{anchor}">{quote.html}'
            f'<footer><span class="quote-links">{links}</span></footer></blockquote>'
        )
    speaker = html.escape(quote.person.key, quote=True)
    who = _person_html(quote.person, "quote-speaker", siteurl)
    return (
        f'<blockquote class="quote" id="{anchor}" data-speaker="{speaker}">{quote.html}'
        f'<footer>—— {who} <span class="quote-links">{links}</span></footer></blockquote>'
    )


def _turn_html(turn: Turn, day: datetime | None, siteurl: str) -> str:
    speaker = html.escape(turn.person.key, quote=True)
    stamp = ""
    if turn.time:
        machine = _machine_time(turn.time, day)
        attribute = f' datetime="{machine}"' if machine else ""
        stamp = f'<time class="turn-time"{attribute}>{html.escape(turn.time)}</time>'
    return (
        f'<div class="turn" id="{turn.anchor}" data-speaker="{speaker}">'
        f'<div class="turn-head">{_person_html(turn.person, "turn-speaker", siteurl)}{stamp}'
        f'<a class="copy-link turn-link" href="#{turn.anchor}"'
        f' aria-label="第{turn.number}段的链接">#{turn.number}</a>'
        f'</div><div class="turn-body">{"".join(turn.parts)}</div></div>'
    )


def _machine_time(written: str, day: datetime | None) -> str | None:
    """ISO form of a turn's time stamp, on the transcript's day when only a time is given."""
    if day is None:
        return None
    if len(written) > 8:
        moment = parse_datetime(written, day.tzinfo) if day.tzinfo else None
        return moment.isoformat() if moment else None
    hours, minutes, *seconds = (int(part) for part in written.split(":"))
    try:
        moment = day.replace(hour=hours, minute=minutes, second=seconds[0] if seconds else 0)
    except ValueError:
        return None
    return moment.isoformat()
