"""Who spoke: each sender mapped to a member by id, name or alias, or kept by name.

A QQ sender is one account (its number) whatever nickname it used that day; the
number and e-mail are tried as aliases first, then each nickname, as written
and without a group badge (``[群主]张三``). Every speaker gets a name the
transcript parser recognises as ``NAME：`` (no colons or brackets, not starting
with ``*``), unique among the speakers, so every imported turn stays a turn.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from qunzhi.hub.documents import Member
from qunzhi.hub.members import Directory, name_key
from qunzhi.hub.transcript import TURN_START

from .messages import Message

BADGE = re.compile(r"^\s*(?:\[[^\[\]]{1,12}\]|【[^【】]{1,12}】)\s*(?=\S)")
UNSAFE_START = re.compile(r"^[\s>#*`\-+=]+")
COLON = re.compile(r"[:：]")
LONGEST = 40  # TURN_START takes names of up to 40 characters


@dataclass
class Speaker:
    """One sender of the export and what the draft calls them."""

    key: str
    ident: str | None
    first: int  # message index of the first message: ties in turn order
    names: Counter[str] = field(default_factory=Counter)
    member: Member | None = None
    how: str = ""
    written: str = ""
    turns: int = 0
    _person: str = ""

    @property
    def nickname(self) -> str:
        """The nickname used most (the first of equals): how the group knew them."""
        return self.names.most_common(1)[0][0] if self.names else ""

    @property
    def person(self) -> str:
        """Who the turns belong to: a member id, or the written name (set by ``resolve``)."""
        return self._person

    def settle(self, written: str) -> None:
        self.written = written
        self._person = self.member.id if self.member is not None else f"?{name_key(written)}"


def sender_key(message: Message) -> str:
    return message.ident or name_key(message.name)


def without_badge(name: str) -> str:
    return BADGE.sub("", name, count=1).strip()


def turn_name(name: str) -> str:
    """``name`` changed only as far as needed to open a turn: no colons, brackets or ``*``."""
    name = without_badge(name).replace("*", "").replace("`", "")
    name = COLON.sub("·", name).replace("[", "【").replace("]", "】")
    name = UNSAFE_START.sub("", " ".join(name.split()))
    return name[:LONGEST].strip()


def opens_turn(name: str) -> bool:
    match = TURN_START.match(f"{name}：")
    return match is not None and match["name"] == name


class SpeakerMap:
    """Speakers in order of first message, mapped through the hub's member directory."""

    def __init__(
        self,
        directory: Directory,
        redact: Callable[[str], str] | None = None,
        anonymise: bool = False,
    ) -> None:
        self.directory = directory
        self.redact = redact  # masks contacts in a nickname before it is made unique
        self.anonymise = anonymise  # speakers who are not members become 成员A, 成员B …
        self.speakers: dict[str, Speaker] = {}
        self._by_name: dict[str, Speaker] = {}

    def add(self, message: Message, index: int) -> Speaker:
        key = sender_key(message)
        speaker = self.speakers.get(key)
        if speaker is None:
            speaker = self.speakers[key] = Speaker(key, message.ident, index)
        speaker.names[message.name] += 1
        return speaker

    def resolve(self) -> None:
        """Map every speaker to a member and give each a unique name that opens a turn."""
        taken: dict[str, str] = {}
        strangers = 0
        for speaker in self.speakers.values():
            self._map(speaker)
            member = speaker.member
            if self.anonymise and (member is None or not member.published):
                strangers += 1
                speaker.settle(anonymous(strangers))
                taken[name_key(speaker.written)] = speaker.key
            else:
                self._name(speaker, taken)
            for name in speaker.names:
                self._by_name.setdefault(name_key(name), speaker)
                self._by_name.setdefault(name_key(without_badge(name)), speaker)

    def find(self, name: str) -> Speaker | None:
        """The speaker who went by ``name`` (after ``resolve``)."""
        return self._by_name.get(name_key(name))

    def _map(self, speaker: Speaker) -> None:
        candidates: list[tuple[str, str]] = []
        if speaker.ident:
            kind = "e-mail" if "@" in speaker.ident else "QQ number"
            candidates.append((speaker.ident, f"{kind} as alias"))
        for name, _ in speaker.names.most_common():
            candidates += [(name, ""), (without_badge(name), ""), (turn_name(name), "")]
        for written, how in candidates:
            member = self.directory.find(written) if written else None
            if member is not None:
                speaker.member, speaker.how = member, how or reference_kind(member, written)
                return

    def _name(self, speaker: Speaker, taken: dict[str, str]) -> None:
        member = speaker.member
        if member is not None and member.published:
            for written in (member.name, member.id):
                if opens_turn(written):
                    speaker.settle(written)
                    return
        nickname = self.redact(speaker.nickname) if self.redact else speaker.nickname
        base = turn_name(nickname) or "无名"
        written, number = base, 1
        while True:
            owner = taken.setdefault(name_key(written), speaker.key)
            found = self.directory.find(written)
            if owner == speaker.key and (found is None or found is member):
                break
            number += 1
            written = f"{base}（{number}）"
        speaker.settle(written)


def anonymous(number: int) -> str:
    """成员A … 成员Z, 成员AA …: the ``number``-th speaker who is not a member."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"成员{letters}"


def reference_kind(member: Member, written: str) -> str:
    """Which kind of member reference ``written`` is: id, name or alias."""
    key = name_key(written)
    if key == name_key(member.id):
        return "id"
    return "name" if key == name_key(member.name) else "alias"
