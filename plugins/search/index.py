"""The index of record: a Whoosh index in the cache folder, behind one small class.

Whoosh is unmaintained, so nothing else in the hub imports it: ``SearchIndex``
updates the index from records and answers queries, and the static export and
the search API read through it.

Updates are incremental: ``hashes.json`` beside the index holds each page's
content hash, and only pages whose hash changed are analysed again. Whoosh
commits by renaming its table of contents into place, so a reader never sees
half a commit; a full rebuild is written beside the index and swapped in. An
index that cannot be opened is rebuilt, with a warning.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.searching import Searcher

from qunzhi.hub.store import code_identity, locked, make_folder, remove

from .analysis import HubTokenizer, Word, hub_analyzer
from .records import Record, Turn

logger = logging.getLogger(__name__)

HASHES = "hashes.json"
# Bump when the schema or the analysis changes: an older index is then rebuilt.
# Fields a query searches, and how much a match in each counts.
SEARCHED = {"title": 3.0, "people": 2.0, "tags": 2.0, "body": 1.0}


def make_schema(names: tuple[str, ...]) -> Schema:
    analyzer = hub_analyzer(names)
    return Schema(
        url=ID(unique=True, stored=True),
        title=TEXT(analyzer=analyzer, phrase=False, stored=True),
        people=TEXT(analyzer=analyzer, phrase=False),
        tags=TEXT(analyzer=analyzer, phrase=False),
        # No positions: a phrase is all of its words, then the text must hold the phrase
        # (a substring test on folded Chinese text is exact, and the index half the size).
        body=TEXT(analyzer=analyzer, phrase=False),
        text=STORED,  # zlib-compressed JSON: the body and the turns, for phrases and snippets
        tag=KEYWORD(commas=True, lowercase=True),
        members=KEYWORD(commas=True),
        kind=ID(stored=True),
        group=ID(stored=True),
        date=DATETIME(),
        day=STORED,  # the date in the site's time zone, as pages show it
        summary=STORED,
    )


# told each page indexed now, the words the index found in its texts, and the analysis
Analysed = Callable[[Record, dict[str, list[Word]], Callable[[str], list[Word]]], None]


@dataclass(frozen=True)
class Changes:
    """What an update did, for the build log."""

    added: int
    changed: int
    removed: int
    kept: int
    rebuilt: bool


class SearchIndex:
    """The Whoosh index under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._analysed: Analysed | None = None
        self._names: tuple[str, ...] = ()

    def update(
        self,
        found: Iterable[Record],
        names: tuple[str, ...],
        full: bool = False,
        analysed: Analysed | None = None,
    ) -> Changes:
        """Make the index hold exactly the pages ``found``; ``analysed`` is told the words
        of each page indexed now with exactly ``names`` (an index updated after a name was
        dropped still segments with it), so nothing has to analyse the page again.
        One update at a time: a second build waits for the first."""
        with self._locked():
            return self._locked_update(
                {record.url: record for record in found}, names, full, analysed
            )

    def _locked_update(
        self,
        wanted: dict[str, Record],
        names: tuple[str, ...],
        full: bool,
        analysed: Analysed | None,
    ) -> Changes:
        self._analysed = analysed
        self._names = tuple(sorted(set(names)))
        reason = "--full" if full else self._stale(names)
        if reason is not None:
            if reason not in ("--full", "no index yet"):
                logger.warning("search: rebuilding the search index (%s)", reason)
            self._rebuild(wanted, names)
            return Changes(len(wanted), 0, 0, 0, rebuilt=True)
        try:
            return self._update(wanted)
        except Exception as error:  # a segment damaged where opening it did not look
            logger.warning("search: rebuilding the search index (updating it failed: %s)", error)
            self._rebuild(wanted, names)
            return Changes(len(wanted), 0, 0, 0, rebuilt=True)

    def pending(self, found: Iterable[Record], names: tuple[str, ...]) -> int:
        """How many pages an update would analyse, from the hashes and the schema alone
        (every page when the index would be rebuilt; a damage found later is not counted)."""
        found = list(found)
        with warnings.catch_warnings():  # as in ``problem``
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                known = self._hashes()
                segmented = whoosh_index.open_dir(str(self.folder)).schema["body"].analyzer.names
            except Exception:  # no index, or one that cannot be read: rebuilt
                return len(found)
        if set(names) - set(segmented):
            return len(found)
        return sum(1 for record in found if known.get(record.url) != record.digest)

    def _add(self, writer: Any, record: Record, replace: bool = False) -> None:
        tokenizer = writer.schema["body"].analyzer
        told = self._analysed is not None and tokenizer.names == self._names
        if told:
            tokenizer.record()
        (writer.update_document if replace else writer.add_document)(**_fields(record))
        if told:
            self._analysed(record, tokenizer.take(), tokenizer.words)

    def _update(self, wanted: dict[str, Record]) -> Changes:
        known = self._hashes()
        digests = {url: record.digest for url, record in wanted.items()}
        removed = [url for url in known if url not in wanted]
        changed = [url for url in wanted if url in known and known[url] != digests[url]]
        added = [url for url in wanted if url not in known]
        if removed or changed or added:
            index = whoosh_index.open_dir(str(self.folder))
            with _writing(index) as writer:
                for url in removed:
                    writer.delete_by_term("url", url)
                for url in changed + added:
                    self._add(writer, wanted[url], replace=True)
            self._write_hashes(self.folder, digests)
        kept = len(wanted) - len(changed) - len(added)
        return Changes(len(added), len(changed), len(removed), kept, rebuilt=False)

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher on the committed index, closed after use."""
        with self.open_searcher() as searcher:
            yield searcher

    def open_searcher(self) -> Searcher:
        """A searcher the caller closes (a server keeps one open)."""
        return whoosh_index.open_dir(str(self.folder)).searcher()

    def version(self) -> tuple[int, int]:
        """Changes whenever an update or a rebuild has been committed: each one writes a
        new ``hashes.json`` and renames it into place (a new inode, a new time)."""
        try:
            written = (self.folder / HASHES).stat()
        except OSError:
            return (0, 0)
        return (written.st_ino, written.st_mtime_ns)

    def problem(self) -> str | None:
        """Why the index cannot be used as it is, or None."""
        if not self.folder.is_symlink() and not (self.folder.is_file() or _filled(self.folder)):
            return "no index yet"
        # Whoosh leaves a damaged segment's file open when reading it fails; the file is
        # closed when the error is dropped, which must not warn.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            return self._read_problem()

    def _read_problem(self) -> str | None:
        try:  # a damaged table of contents fails here, as any other part does below
            if not whoosh_index.exists_in(str(self.folder)):
                return f"the index in {self.folder} is empty or not a Whoosh index"
            index = whoosh_index.open_dir(str(self.folder))
            tokenizer = index.schema["body"].analyzer
            hashes = json.loads((self.folder / HASHES).read_text(encoding="utf-8"))
            with index.reader() as reader:  # opens every segment
                reader.doc_count()
                list(reader.lexicon("kind"))
        except Exception as error:  # Whoosh raises many kinds on a damaged folder
            return f"the index in {self.folder} could not be read: {error or type(error).__name__}"
        made_by = code_identity(__name__)  # the format of this index: the code that writes it
        if not isinstance(hashes, dict) or hashes.get("format") != made_by:
            return "it was made by another version of qunzhi"
        if not isinstance(tokenizer, HubTokenizer):
            return "it was made by another version of qunzhi"
        return None

    def _stale(self, names: tuple[str, ...]) -> str | None:
        """Why the index must be rebuilt from scratch, or None when it can be updated."""
        problem = self.problem()
        if problem is not None:
            return problem
        with self.searcher() as searcher:
            known = searcher.schema["body"].analyzer.names
        return "new names to segment" if set(names) - set(known) else None

    def _hashes(self) -> dict[str, str]:
        return json.loads((self.folder / HASHES).read_text(encoding="utf-8"))["docs"]

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Held while updating; released when the file is closed or its process ends."""
        with locked(self.folder.with_name(f"{self.folder.name}.lock")):
            yield

    def _rebuild(self, wanted: dict[str, Record], names: tuple[str, ...]) -> None:
        # a rebuild killed mid-way (its process ended) leaves its folder behind
        for leftover in self.folder.parent.glob(f".{self.folder.name}-*-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        folder = make_folder(self.folder.parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}-new-", dir=folder))
        try:
            index = whoosh_index.create_in(str(staging), make_schema(names))
            with _writing(index) as writer:
                for record in wanted.values():
                    self._add(writer, record)
            self._write_hashes(staging, {url: record.digest for url, record in wanted.items()})
            retired = None
            if self.folder.exists() or self.folder.is_symlink():  # a file there: replaced
                retired = self.folder.with_name(f".{self.folder.name}-old-{os.getpid()}")
                self.folder.rename(retired)
            staging.rename(self.folder)
            if retired is not None:
                remove(retired)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @staticmethod
    def _write_hashes(folder: Path, docs: dict[str, str]) -> None:
        temporary = folder / f"{HASHES}.tmp"
        written = {"format": code_identity(__name__), "docs": docs}
        temporary.write_text(json.dumps(written), encoding="utf-8")
        temporary.replace(folder / HASHES)


def _filled(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


@contextmanager
def _writing(index: Any) -> Iterator[Any]:
    writer = index.writer(limitmb=256)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _fields(record: Record) -> dict[str, Any]:
    text = {"body": record.body, "turns": [[t.number, t.speaker, t.text] for t in record.turns]}
    fields: dict[str, Any] = {
        "url": record.url,
        "title": record.title,
        "people": record.people,
        "tags": " ".join(record.tags),
        "body": record.body,
        "text": zlib.compress(json.dumps(text, ensure_ascii=False).encode("utf-8")),
        "tag": ",".join(record.tags),
        "members": ",".join(record.members),
        "kind": record.kind,
        "group": record.group,
        "summary": record.summary,
    }
    if record.date is not None:
        fields["date"] = whoosh_date(record.date)
        fields["day"] = f"{record.date:%Y-%m-%d}"
    return fields


def whoosh_date(moment: datetime) -> datetime:
    """Whoosh stores naive date-times: store UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def stored_text(hit_fields: dict[str, Any]) -> tuple[str, list[Turn]]:
    """The body and the turns of a hit, for phrases and snippets."""
    text = json.loads(zlib.decompress(hit_fields["text"]))
    return text["body"], [Turn(*turn) for turn in text["turns"]]
