"""Member references: an id, a name or an alias, resolved to one member.

A name claimed by two members would make references ambiguous, so it is an
error that names both files.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .documents import Member
from .errors import Diagnostics, display_path
from .store import digest


def name_key(name: str) -> str:
    """Compare names the way people do: full/half width and Latin case folded."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


@dataclass(frozen=True)
class Person:
    """Someone named in content: a member, or a name as written."""

    written: str
    member: Member | None = None

    @property
    def public(self) -> bool:
        return self.member is not None and self.member.published

    @property
    def key(self) -> str:
        """``data-speaker``: the member id, or the name as written for non-members."""
        return self.member.id if self.public else self.written

    @property
    def name(self) -> str:
        return self.member.name if self.public else self.written

    @property
    def url(self) -> str | None:
        return self.member.url if self.public else None


class Directory:
    """All members (of every status) by id, name and alias."""

    def __init__(self, members: list[Member], diagnostics: Diagnostics) -> None:
        self.members = members
        self._by_key: dict[str, Member] = {}
        # each name as written, looked up once: a transcript names its speakers on every turn
        self._found: dict[str, Member | None] = {}
        self._recording: list[set[str]] = []  # open ``recorded`` blocks
        for member in sorted(members, key=lambda m: str(m.source)):
            self._claim(member, member.id, "file", diagnostics)
            self._claim(member, member.name, "name", diagnostics)
            for alias in member.aliases:
                self._claim(member, alias, "aliases", diagnostics)

    def _claim(self, member: Member, name: str, key: str, diagnostics: Diagnostics) -> None:
        owner = self._by_key.setdefault(name_key(name), member)
        if owner is not member:
            diagnostics.error(
                str(member.source),
                member.line(key) if key != "file" else 1,
                key,
                f'expected a name no other member uses, found "{name}" '
                f"(also claimed by {display_path(owner.source)}); "
                "give one of them a distinguishing name or alias",
            )

    def find(self, written: str) -> Member | None:
        for names in self._recording:
            names.add(written)
        found = self._found.get(written, self)  # self: not looked up yet
        if found is self:
            found = self._found[written] = self._by_key.get(name_key(written))
        return found

    @contextmanager
    def recorded(self) -> Iterator[set[str]]:
        """The names looked up in the block: what a result made there depends on."""
        names: set[str] = set()
        self._recording.append(names)
        try:
            yield names
        finally:
            self._recording.remove(names)

    def answers(self, names: Iterable[str]) -> str:
        """A digest of what looking up ``names`` finds, as pages show it: equal for two
        directories that answer those names alike, whatever else changed in them."""
        found = []
        for name in sorted(names):
            member = self.find(name)
            shown = member and (member.id, member.name, member.published, member.url)
            found.append((name, shown))
        return digest(found)

    def person(self, written: str) -> Person:
        return Person(written, self.find(written))

    def resolve(
        self, written: str, source: str, line: int, key: str, diagnostics: Diagnostics
    ) -> Person:
        """A Person for a front-matter reference, warning when no member matches."""
        person = self.person(written)
        if person.member is None:
            diagnostics.warn(
                source,
                line,
                key,
                f'expected a member id, name or alias, found "{written}"; '
                "add a file under members/ or correct the name",
            )
        return person
