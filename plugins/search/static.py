"""The static search: the index exported as small JSON files a browser loads on demand.

Same records, same analysis, same field weights and BM25 as the index of record;
what the browser needs for one query is a handful of files:

- ``manifest.json``: the shard layout (the split prefixes and the name of every shard
  written, so a browser asks only for files that exist), the types and groups;
- ``terms/<key>.json``: words starting with one character (or two or three, where
  one character's words would make a large file) and, for each word, its best
  pages: ``[page, score, passage, facet, …]``. The first characters of a query
  name the shards to load, and the words in them are also what the browser
  segments the query with, so it needs no dictionary of its own;
- ``pages/<bundle>.json``: pages' titles, URLs, types, groups, dates and their text
  cut into short passages (turns of a transcript), for the snippets of the results.
  A page is one or more parts of ``PASSAGES_PER_FILE`` passages; consecutive parts
  are packed into bundles of about ``BUNDLE_BYTES`` (a static host limits the files
  of a site: one file per part made 28,000 files at 10,000 documents). A page is
  named in the word files by ``bundle * SLOTS + slot`` of its first part, which
  lists where its other parts are (``more``);
- ``t2s.json``: traditional to simplified characters, loaded when a query has
  Chinese characters, so 羅輯思維 finds 罗辑思维 as it does in the terminal.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from qunzhi.hub.store import Step, digest
from qunzhi.hub.words import fold

from .analysis import Word
from .index import SEARCHED
from .records import Record

PASSAGE_CHARACTERS = 120
PASSAGES_PER_FILE = 16
BUNDLE_BYTES = 24_000
SLOTS = 256  # parts a bundle holds at most: a page's number says its bundle and slot
PLACE_BYTES = 16  # "[bundle,slot]," in a first part's "more"
SHARD_BYTES = 12_000
MAX_PREFIX = 3
POSTINGS_PER_WORD = 200
K1, B = 1.2, 0.75  # Whoosh's BM25F defaults
SENTENCE_ENDS = "。！？!?；;\n"

Analyze = Callable[[str], list[Word]]
Write = Callable[[str, bytes], None]  # a file of the export: name in the folder, bytes


@dataclass
class PageWords:
    """One page analysed for the static search: kept between builds (``plain()``) by the
    page's content hash, under the names the segmenter knew."""

    passages: list[tuple[int, str]]  # (turn number or 0, text)
    weights: dict[str, float]  # field-weighted word frequencies
    length: int
    best: dict[str, int]  # the passage where each word is most frequent

    def plain(self) -> tuple[Any, ...]:
        """As plain data for marshal (dataclasses.astuple deep-copies: ten times slower)."""
        return (self.passages, self.weights, self.length, self.best)


@dataclass(frozen=True)
class Export:
    """What the export wrote, for the log and the benchmark."""

    pages: int
    words: int
    files: int
    bytes: int


def export(
    write: Write,
    found: list[Record],
    pages: list[PageWords],
    groups: dict[str, str],
    kinds: list[str],
    kept: Step | None = None,
) -> Export:
    """Write the static search files of the pages ``found`` (analysed: ``pages``): each
    through ``write(name, bytes)``, its name relative to the search folder.

    ``kept`` holds encoded files of earlier builds: a page's files by its content hash,
    and the manifest and word files by the hashes of all pages (BM25 scores depend on
    every page, so any change makes them all again)."""
    writer = _Writer(write)
    parts = []
    for record, page in zip(found, pages, strict=True):
        key = digest("page", record.digest)
        encoded = kept.get(key) if kept is not None else None
        if encoded is None:
            encoded = [_encoded(part) for part in _page_parts(record, page)]
            if kept is not None:
                kept.put(key, encoded)
        parts.append(encoded)
    numbers, bundles = _bundles(parts)
    key = digest("terms", [record.digest for record in found], groups, kinds)
    terms = kept.get(key) if kept is not None else None
    if terms is None:
        terms = _terms(found, pages, numbers, groups, kinds)
        if kept is not None:
            kept.put(key, terms)
    files, words = terms
    for name, data in files.items():
        writer.write(name, data)
    for number, bundle in enumerate(bundles):
        writer.write(f"pages/{number}.json", b"[" + b",".join(bundle) + b"]")
    writer.write("t2s.json", _encoded(traditional_to_simplified()))
    return Export(len(pages), words, writer.files, writer.bytes)


def _terms(
    found: list[Record],
    pages: list[PageWords],
    numbers: list[int],
    groups: dict[str, str],
    kinds: list[str],
) -> tuple[dict[str, bytes], int]:
    """The manifest and the word files, encoded; and how many words."""
    facets = {
        (kind, group): number
        for number, (kind, group) in enumerate((k, g) for k in kinds for g in ["", *groups])
    }
    postings = _postings(found, pages, numbers, facets)
    shards, split = _shards(postings)
    manifest = {
        "version": 2,
        "pages": len(pages),
        "split": sorted(split),
        "shards": sorted(shards),
        "perFile": PASSAGES_PER_FILE,
        "slots": SLOTS,
        "facets": [[kind, group] for kind, group in facets],
        "groups": groups,
    }
    files = {"manifest.json": _encoded(manifest)}
    files |= {f"terms/{key}.json": _encoded(words) for key, words in shards.items()}
    return files, len(postings)


def _bundles(parts: list[list[bytes]]) -> tuple[list[int], list[list[bytes]]]:
    """Every page's parts packed in order into bundles of about BUNDLE_BYTES (a part
    larger than that has a bundle of its own); each page's number (``bundle * SLOTS +
    slot`` of its first part) and the bundles, each a list of encoded parts. A first
    part is told where the page's other parts are: ``"more": [[bundle, slot], …]``."""
    numbers: list[int] = []
    bundles: list[list[bytes]] = [[]]
    size = 0
    for page in parts:
        places = []
        for number, part in enumerate(page):
            # a first part grows by "more": PLACE_BYTES at most for each other part
            length = len(part) + 1 + (0 if number else PLACE_BYTES * (len(page) - 1))
            if bundles[-1] and (size + length > BUNDLE_BYTES or len(bundles[-1]) == SLOTS):
                bundles.append([])
                size = 0
            places.append((len(bundles) - 1, len(bundles[-1])))
            bundles[-1].append(part)
            size += length
        bundle, slot = places[0]
        numbers.append(bundle * SLOTS + slot)
        if len(places) > 1:  # the first part, re-encoded with the places of the others
            first = json.loads(page[0])
            first["more"] = [list(place) for place in places[1:]]
            bundles[bundle][slot] = _encoded(first)
    return numbers, [bundle for bundle in bundles if bundle]


def _page_parts(record: Record, page: PageWords) -> list[dict[str, Any]]:
    """A page's passages, PASSAGES_PER_FILE a part; the first part says what the page is."""
    files = []
    for part, start in enumerate(range(0, max(1, len(page.passages)), PASSAGES_PER_FILE)):
        chunk = page.passages[start : start + PASSAGES_PER_FILE]
        content: dict[str, Any] = {"p": [[turn, text] for turn, text in chunk]}
        if part == 0:
            content |= {
                "url": record.url,
                "title": record.title,
                "type": record.kind,
                "group": record.group,
                "date": f"{record.date:%Y-%m-%d}" if record.date else None,
                "summary": record.summary,
            }
        files.append(content)
    return files


def page_words(record: Record, analysed: dict[str, list[Word]], analyze: Analyze) -> PageWords:
    """Passages (turns, or pieces of the text) and the weighted frequencies of the words.

    ``analysed`` holds the words the index found in the page's texts (its body, title,
    people, tags); a text missing from it is analysed here."""

    def words_of(text: str) -> list[Word]:
        return analysed[text] if text in analysed else analyze(text) if text else []

    body = words_of(record.body)
    weights: Counter[str] = Counter(word for word, _, _ in body)
    for name, text in (("title", record.title), ("people", record.people)):
        for word, _, _ in words_of(text):
            weights[word] += SEARCHED[name]
    for word, _, _ in words_of(" ".join(record.tags)):
        weights[word] += SEARCHED["tags"]
    passages = _passages(record)
    best: dict[str, int] = {}
    most: dict[str, int] = {}
    for number, counts in enumerate(_passage_counts(record.body, body, passages, analyze)):
        for word, count in counts.items():
            if count > most.get(word, 0):
                most[word], best[word] = count, number
    return PageWords(passages, dict(weights), len(body), best)


def _passages(record: Record) -> list[tuple[int, str]]:
    turns = record.turns
    pieces = [(turn.number, turn.text) for turn in turns] if turns else [(0, record.body)]
    return [(turn, text) for turn, body in pieces for text in passages_of(body)]


def _passage_counts(
    text: str, words: list[Word], passages: list[tuple[int, str]], analyze: Analyze
) -> list[Counter[str]]:
    """How often each word is in each passage. A passage is found in the text, in order,
    and takes the words that start inside it; one not found is analysed by itself."""
    spans: list[tuple[int, int, int]] = []  # (start, end, passage)
    counts: list[Counter[str]] = []
    cursor = 0
    for number, (_, passage) in enumerate(passages):
        at = text.find(passage, cursor) if passage else -1
        if at == -1:
            counts.append(Counter(word for word, _, _ in analyze(passage)))
            continue
        spans.append((at, at + len(passage), number))
        counts.append(Counter())
        cursor = at + len(passage)
    starts = [start for start, _, _ in spans]
    for word, start, _ in words:
        place = bisect.bisect_right(starts, start) - 1
        if place >= 0 and start < spans[place][1]:
            counts[spans[place][2]][word] += 1
    return counts


def passages_of(text: str) -> list[str]:
    """Text cut into passages of at most PASSAGE_CHARACTERS, at sentence ends when near."""
    found = []
    while len(text) > PASSAGE_CHARACTERS:
        cut = text[:PASSAGE_CHARACTERS]
        end = max(cut.rfind(mark) for mark in SENTENCE_ENDS)
        size = end + 1 if end >= PASSAGE_CHARACTERS // 2 else PASSAGE_CHARACTERS
        found.append(text[:size].strip())
        text = text[size:]
    if text.strip() or not found:
        found.append(text.strip())
    return found


def _postings(
    found: list[Record],
    pages: list[PageWords],
    numbers: list[int],
    facets: dict[tuple[str, str], int],
) -> dict[str, list[int]]:
    """For each word its best pages, by BM25 over the weighted frequencies, flattened."""
    frequency: Counter[str] = Counter()
    for page in pages:
        frequency.update(page.weights.keys())
    average = sum(page.length for page in pages) / max(1, len(pages)) or 1.0
    total = len(pages)
    idf = {word: math.log(1 + (total - n + 0.5) / (n + 0.5)) for word, n in frequency.items()}
    scored: dict[str, list[tuple[int, int, int, int]]] = {word: [] for word in frequency}
    for number, record, page in zip(numbers, found, pages, strict=True):
        norm = K1 * (1 - B + B * page.length / average)
        facet = facets[(record.kind, record.group)]
        best = page.best
        for word, weight in page.weights.items():
            score = round(100 * idf[word] * weight * (K1 + 1) / (weight + norm))
            scored[word].append((-score, number, best.get(word, 0), facet))
    flattened = {}
    for word, ranked in scored.items():
        ranked.sort()
        flattened[word] = [
            value
            for score, number, passage, facet in ranked[:POSTINGS_PER_WORD]
            for value in (number, -score, passage, facet)
        ]
    return flattened


def _shards(postings: dict[str, list[int]]) -> tuple[dict[str, dict[str, list[int]]], set[str]]:
    """Group words by their first characters; split a group that would make a large file."""
    size = {word: len(word.encode()) + 6 * len(values) + 8 for word, values in postings.items()}
    split: set[str] = set()
    groups: dict[str, list[str]] = defaultdict(list)
    for word in postings:
        groups[word[:1]].append(word)
    shards: dict[str, dict[str, list[int]]] = {}
    while groups:
        prefix, words = groups.popitem()
        if sum(size[word] for word in words) > SHARD_BYTES and len(prefix) < MAX_PREFIX:
            split.add(prefix)
            for word in words:
                key = word[: len(prefix) + 1] if len(word) > len(prefix) else f"{word}\0"
                groups[key].append(word)
            continue
        shards[shard_name(prefix)] = {word: postings[word] for word in sorted(words)}
    return shards, split


def shard_name(prefix: str) -> str:
    """``7f57`` for 罗, ``70-79`` for py; ``_`` ends the file of a split prefix's own word."""
    exact = prefix.endswith("\0")
    return "-".join(f"{ord(c):x}" for c in prefix.rstrip("\0")) + ("_" if exact else "")


@cache
def traditional_to_simplified() -> dict[str, str]:
    """Every CJK character OpenCC simplifies to one other character."""
    characters = [chr(code) for code in range(0x3400, 0xA000)]
    # one call, a character a line: no phrase spans a line, so each converts on its own
    simplified = fold("\n".join(characters)).split("\n")
    if len(simplified) != len(characters):  # a line end converted away: one at a time
        simplified = [fold(character) for character in characters]
    return {
        character: folded
        for character, folded in zip(characters, simplified, strict=True)
        if folded != character and len(folded) == 1
    }


def _encoded(value: Any) -> bytes:
    """Compact JSON."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class _Writer:
    """Files written, counted."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self.files = 0
        self.bytes = 0

    def write(self, name: str, data: bytes) -> None:
        self._write(name, data)
        self.files += 1
        self.bytes += len(data)
