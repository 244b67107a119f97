"""The index updated in a worker process: the same index and static search as in the
build's own process, and a worker that fails fails the build, leaving the last index."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from qunzhi.hub import workers as worker_pools
from qunzhi.search import indexing
from qunzhi.search.index import SearchIndex


def index_folder_of(site) -> Path:
    """The fixture's index (its CACHE_PATH is "cache")."""
    return site.root / "cache" / "qunzhi-store" / "search-index"


def indexed(site) -> dict[str, tuple]:
    with SearchIndex(index_folder_of(site)).searcher() as searcher:
        return {
            fields["url"]: tuple(sorted(fields.items())) for fields in searcher.all_stored_fields()
        }


def copy_of(site, where: Path):
    copy = type(site)(where)
    shutil.copytree(site.content, copy.content)
    shutil.copy(site.settings, copy.settings)
    return copy


def workers(monkeypatch) -> list[int]:
    """Index in a worker from the first page; the list records each worker pool made."""
    monkeypatch.setattr(indexing, "PARALLEL_FROM", 1)  # the fixture has a few pages only
    started: list[int] = []
    real = worker_pools.ProcessPoolExecutor

    def make(count: int, **options):
        started.append(count)
        return real(count, **options)

    monkeypatch.setattr(worker_pools, "ProcessPoolExecutor", make)
    return started


def test_a_worker_process_makes_the_same_index_and_static_search(
    site, qunzhi, tmp_path, monkeypatch
):
    here = copy_of(site, tmp_path / "here")
    assert qunzhi(here, "build").code == 0
    started = workers(monkeypatch)
    assert qunzhi(site, "build").code == 0
    assert started == [1]
    assert indexed(site) == indexed(here)
    assert site.all_output() == here.all_output()


def test_a_worker_logs_through_the_build(built, qunzhi, monkeypatch, caplog):
    for segment in index_folder_of(built).glob("*.seg"):
        segment.write_bytes(b"\0garbage")
    built.write("pages/new.md", "---\ntitle: 新页面\n---\n新的内容。\n")  # one page to analyse
    started = workers(monkeypatch)
    with caplog.at_level(logging.INFO, logger="qunzhi.search"):
        assert qunzhi(built, "build").code == 0
    assert started == [1]
    assert caplog.text.count("search: rebuilding the search index (the index in") == 1
    assert "search: 9 pages, 9 added, 0 changed, 0 removed, 0 unchanged (rebuilt)" in caplog.text


def test_one_job_means_no_worker(site, qunzhi, monkeypatch):
    started = workers(monkeypatch)
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_JOBS = 1\n")
    assert qunzhi(site, "build").code == 0
    assert started == []


def disk_full(job):
    raise OSError(28, "No space left on device")


def killed(job):
    os._exit(9)


@pytest.mark.parametrize(
    ("worker", "reason"),
    [
        (disk_full, "[Errno 28] No space left on device"),
        (killed, "its worker process ended before it finished"),
    ],
)
def test_a_failed_worker_fails_the_build_and_leaves_the_last_index(
    built, qunzhi, monkeypatch, worker, reason
):
    before, output = indexed(built), built.all_output()
    built.write("pages/new.md", "---\ntitle: 新页面\n---\n新的内容。\n")
    workers(monkeypatch)
    monkeypatch.setattr(indexing, "run_in_worker", worker)
    result = qunzhi(built, "build", "--full")
    assert result.code == 1
    assert [line for line in result.lines if line.startswith("qunzhi:")] == [
        f"qunzhi: search: the search index in {index_folder_of(built)} could not be "
        f"updated ({reason}); the previous index and output are untouched"
    ]
    assert indexed(built) == before
    assert built.all_output() == output
    assert not list(index_folder_of(built).parent.glob(".search-*"))
