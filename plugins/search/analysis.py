"""The Whoosh analyzer of the hub: qunzhi.hub.words' folding and segmentation, then stems.

Indexing uses jieba's search mode, which also gives the shorter words inside long ones
(潜行读书会 gives 潜行, 读书, 书会, 读书会), so 读书 finds it; a query is cut in the default
mode, one word per word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, StemFilter, Token, Tokenizer

from qunzhi.hub.words import Analyser


class HubTokenizer(Tokenizer):
    """Words with offsets into the original text. Whoosh pickles the schema with the
    index, so only the hub's names are kept; the segmenter is made again on load."""

    def __init__(self, names: tuple[str, ...] = ()) -> None:
        self.names = tuple(sorted(set(names)))
        self._analyser: Analyser | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"names": self.names}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.names = state["names"]
        self._analyser = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HubTokenizer) and other.names == self.names

    __hash__ = None  # type: ignore[assignment]

    @property
    def analyser(self) -> Analyser:
        if self._analyser is None:
            self._analyser = Analyser(self.names)
        return self._analyser

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
        found = self.analyser.tokens(value, search=search)
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


class LatinStemFilter(StemFilter):
    """Porter stems for Latin words only: Chinese words have no suffixes to strip."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        stem = self._stem
        for token in tokens:
            if token.text.isascii() and not token.stopped:
                token.text = stem(token.text)
            yield token


def hub_analyzer(names: tuple[str, ...] = ()) -> Analyzer:
    """Folded, segmented words; Latin words stemmed (sharing finds shared, shares)."""
    return HubTokenizer(names) | LatinStemFilter()


def analyzed(analyzer: Analyzer, text: str, mode: str = "index") -> list[str]:
    """The words of a text as the index holds them; ``mode="query"`` cuts a query,
    without the shorter words inside long ones that indexing adds."""
    return [token.text for token in analyzer(text, mode=mode)]
