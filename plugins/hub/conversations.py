"""Transcripts and events laid out and assembled once: kept between builds.

Once Markdown is cached, splitting bodies into turns and assembling each turn's
HTML is most of reading a hub. A conversation depends only on the body, the
document's host and speakers as written, its day and URL, what the Markdown depends
on (its identity, SITEURL included), and what the member directory answers for
the names its layout looked up. It is kept under a digest of the first ones, with
those names and a digest of the answers (``Step.remember``): a member renamed
lays out again the conversations that name them, not the others. People are kept
as the names written and looked up in this build's directory when read back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from .documents import Event, Transcript
from .markdowncache import made_with, source_key
from .members import Directory, Person
from .store import BuildStore, Step, digest
from .transcript import Conversation, Quote, Turn


class Conversations:
    """The conversations of one build: kept ones restored, new ones kept for the next."""

    def __init__(
        self,
        settings: dict[str, Any],
        directory: Directory,
        markdown: Step,
        store: BuildStore | None = None,
    ) -> None:
        """``store`` None: lay out afresh and keep nothing (a preview)."""
        store = store or BuildStore(None)
        self.cache = store.step("conversations", *made_with(settings), code=[__name__])
        self.directory, self.markdown = directory, markdown
        self._found: dict[int, Conversation] = {}

    def key(self, doc: Transcript | Event) -> str:
        named = [person.written for person in [doc.host, *doc.speakers] if person is not None]
        day = doc.when.written if doc.when else None
        return digest(doc.body, doc.body_line, named, repr(day), doc.url)

    def restore(self, doc: Transcript | Event) -> bool:
        """Whether ``doc``'s conversation was kept; its Markdown is then kept too."""
        found = self.cache.recall(self.key(doc), self.directory.answers)
        if found is None:
            return False
        markdown_key, html, turns, quotes, sections = found
        self.markdown.get(markdown_key)  # needed again if the directory changes
        people: dict[str, Person] = {}

        def person(written: str) -> Person:
            known = people.get(written)
            if known is None:
                known = people[written] = self.directory.person(written)
            return known

        self._found[id(doc)] = Conversation(
            html,
            [
                Turn(number, person(written), time, line, list(parts), characters)
                for number, written, time, line, parts, characters in turns
            ],
            [
                Quote(None if written is None else person(written), Markup(text), plain, turn)
                for written, text, plain, turn in quotes
            ],
            [tuple(section) for section in sections],
        )
        return True

    def found(self, doc: Transcript | Event) -> Conversation | None:
        return self._found.get(id(doc))

    def keep(
        self,
        doc: Transcript | Event,
        markdown: str,
        conversation: Conversation,
        names: Iterable[str],
    ) -> None:
        """Keep a conversation converted from ``markdown`` as plain data; ``names``: those
        its layout looked up in the directory."""
        named = [person.written for person in [doc.host, *doc.speakers] if person is not None]
        names = sorted({*names, *named})
        self.cache.remember(
            self.key(doc),
            names,
            self.directory.answers(names),
            (
                source_key("prose", markdown),
                conversation.html,
                [_turn(turn) for turn in conversation.turns],
                [_quote(quote) for quote in conversation.quotes],
                conversation.sections,
            ),
        )


def _turn(turn: Turn) -> tuple[Any, ...]:
    return (turn.number, turn.person.written, turn.time, turn.line, turn.parts, turn.characters)


def _quote(quote: Quote) -> tuple[Any, ...]:
    written = quote.person.written if quote.person is not None else None
    return (written, str(quote.html), quote.text, quote.turn)
