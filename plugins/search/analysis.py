"""The Whoosh analyzer of the hub: qunzhi.hub.words' folding and segmentation, then stems.

Indexing uses jieba's search mode, which also gives the shorter words inside long ones
(潜行读书会 gives 潜行, 读书, 书会, 读书会), so 读书 finds it; a query is cut in the default
mode, one word per word. Latin words get Porter stems (sharing finds shared, shares).

The analyzer can record what it indexed, so the static search reuses the index's
analysis of a page instead of analysing the page a second time.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem

from qunzhi.hub.words import Analyser

Word = tuple[str, int, int]  # (word as indexed, start, end) in the analysed text

latin_stem = lru_cache(maxsize=50_000)(stem)


class HubTokenizer(Tokenizer):
    """Words with offsets into the original text. Whoosh pickles the schema with the
    index, so only the hub's names are kept; the segmenter is made again on load."""

    def __init__(self, names: tuple[str, ...] = ()) -> None:
        self.names = tuple(sorted(set(names)))
        self._analyser: Analyser | None = None
        self._recorded: dict[str, list[Word]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"names": self.names}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["names"])  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HubTokenizer) and other.names == self.names

    __hash__ = None  # type: ignore[assignment]

    @property
    def analyser(self) -> Analyser:
        if self._analyser is None:
            self._analyser = Analyser(self.names)
        return self._analyser

    def record(self) -> None:
        """From now on, keep the words of every text analysed for indexing."""
        self._recorded = {}

    def take(self) -> dict[str, list[Word]]:
        """The texts analysed for indexing since the last take, and their words."""
        recorded, self._recorded = self._recorded or {}, {}
        return recorded

    def words(self, value: str, search: bool = True) -> list[Word]:
        """Folded, segmented and stemmed words of ``value``, with their offsets."""
        return [
            (latin_stem(word) if word.isascii() else word, start, end)
            for word, start, end in self.analyser.tokens(value, search=search)
        ]

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        search = mode != "query"
        found = self.words(value, search=search)
        if self._recorded is not None and mode == "index":
            self._recorded[value] = found
        # positions (asked for by highlighting only: the index keeps none) count whole words
        position_at = self._positions(value) if positions and search else {}
        for number, (text, start, end) in enumerate(found):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + position_at.get(start, number)
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token

    def _positions(self, value: str) -> dict[int, int]:
        """The position of the whole word each character is in."""
        position_at = {}
        for position, (_, start, end) in enumerate(self.analyser.tokens(value)):
            for offset in range(start, end):
                position_at[offset] = position
        return position_at


def hub_analyzer(names: tuple[str, ...] = ()) -> HubTokenizer:
    """Folded, segmented, stemmed words: the analyzer of every searched field."""
    return HubTokenizer(names)


def analyzed(analyzer: Any, text: str, mode: str = "index") -> list[str]:
    """The words of a text as the index holds them; ``mode="query"`` cuts a query,
    without the shorter words inside long ones that indexing adds."""
    return [token.text for token in analyzer(text, mode=mode)]
