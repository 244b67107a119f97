"""Faults: a build stopped at points of its commit (kill -9, SIGTERM, Ctrl-C), two builds
at once, garbage and folders in every part of the cache, a full disk, a read-only disk,
unwritable output. Each time the output is the complete old site or the complete new one
(the trees compared), a failure is one ``qunzhi:`` line with no traceback, and the next
build makes what a build from nothing makes."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from qunzhi.cli import main
from qunzhi.hub import generations
from qunzhi.hub.output import manifest_path

RENAMED = '\nSITENAME = "改过名的群志"\n'  # a site-wide change: every page is made again
TRANSCRIPT = "transcripts/2016/2016-01-03-kai-chang.md"
STORE = Path("cache/qunzhi-store")

# Runs `qunzhi build` with one function of the commit wrapped: at its COUNT-th call (before
# it runs, or just after it returned), the build sends itself SIGNAL (0: it pauses instead,
# as a slow build would, after touching the file `paused`).
RUNNER = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even from `&`
from pathlib import Path
from qunzhi.cli import main
from qunzhi.hub import generations
from qunzhi.hub.output import manifest_path
from qunzhi.hub import output

where, name, number, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
owner = output.OutputFiles if name == "put" else output
real, calls = getattr(owner, name), [0]

def stop():
    if number:
        os.kill(os.getpid(), number)
    else:
        Path("paused").touch()
        time.sleep(3)

def wrapped(*args, **kwargs):
    calls[0] += 1
    if where == "before" and calls[0] == count:
        stop()
    result = real(*args, **kwargs)
    if where == "after" and calls[0] == count:
        stop()
    return result

setattr(owner, name, wrapped)
sys.exit(main(["build", *sys.argv[5:]]))
"""


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones included) by the digest of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.blake2b(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(site) -> list[str]:
    return sorted(path.name for path in site.root.glob(".qunzhi-*"))


def qunzhi_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("qunzhi: ")]


def run_stopped(site, where: str, name: str, number: int, count: int = 1):
    return subprocess.run(
        [sys.executable, "-c", RUNNER, where, name, str(number), str(count)],
        cwd=site.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def renamed_fresh(hostile_built, tmp_path_factory) -> dict[str, str]:
    """The site with RENAMED, built from nothing (no cache, no output)."""
    root = tmp_path_factory.mktemp("renamed")
    shutil.copytree(hostile_built.content, root / "content")
    settings = root / "pelicanconf.py"
    settings.write_text(hostile_built.settings.read_text("utf-8") + RENAMED, "utf-8")
    assert main(["build", "--settings", str(settings)]) == 0
    return tree(root / "output")


@pytest.fixture
def site(hostile_site, hostile_built):
    """``hostile_site`` with the output manifest of its own output folder (a manifest is
    kept per output path): the next build links every unchanged file."""
    outputs = hostile_site.root / STORE / "outputs"
    original = manifest_path(outputs, hostile_built.output.resolve())
    shutil.copy2(original, manifest_path(outputs, hostile_site.output.resolve()))
    original.unlink()
    return hostile_site


def rename(site) -> None:
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write(RENAMED)


@dataclass(frozen=True)
class Stop:
    id: str
    where: str  # "before" or "after" the call
    name: str  # what is wrapped: put (a file handed to the output), link_or_copy (an
    # unchanged file linked into the new site), swap_in (the one exchange), _delete_previous
    count: int
    number: int  # the signal
    landed: bool  # the new site is in place when the build stops


KILL, TERM, INT = signal.SIGKILL, signal.SIGTERM, signal.SIGINT
STOPS = [
    Stop("kill-9-while-rendering", "before", "put", 40, KILL, False),
    Stop("kill-9-at-the-first-link", "before", "link_or_copy", 1, KILL, False),
    Stop("kill-9-among-the-links", "before", "link_or_copy", 60, KILL, False),
    Stop("kill-9-before-the-swap", "before", "swap_in", 1, KILL, False),
    Stop("kill-9-after-the-swap", "after", "swap_in", 1, KILL, True),
    Stop("sigterm-while-rendering", "before", "put", 40, TERM, False),
    Stop("sigterm-among-the-links", "before", "link_or_copy", 60, TERM, False),
    Stop("sigterm-after-the-swap", "after", "swap_in", 1, TERM, True),
    Stop("ctrl-c-before-the-swap", "before", "swap_in", 1, INT, False),
    Stop("ctrl-c-while-deleting-the-old-site", "before", "_delete_previous", 1, INT, True),
]


@pytest.mark.parametrize("stop", STOPS, ids=[stop.id for stop in STOPS])
def test_a_stopped_build_leaves_the_old_site_or_the_new(stop: Stop, site, renamed_fresh, qunzhi):
    old = tree(site.output)
    rename(site)

    done = run_stopped(site, stop.where, stop.name, stop.number, stop.count)

    assert "Traceback" not in done.stderr
    assert tree(site.output) == (renamed_fresh if stop.landed else old)
    if stop.number == KILL:
        assert done.returncode == -KILL
        assert qunzhi_lines(done.stderr) == []
    else:
        assert done.returncode == (143 if stop.number == TERM else 130), done.stderr
        said = "terminated" if stop.number == TERM else "interrupted"
        outcome = "the new site was already in place" if stop.landed else "previous output"
        [line] = qunzhi_lines(done.stderr)
        assert line.startswith(f"qunzhi: {said}; ") and outcome in line, line
        assert leftovers(site) == []

    again = qunzhi(site, "build")

    assert again.code == 0, again.err
    assert tree(site.output) == renamed_fresh
    assert leftovers(site) == []


def warnings_of(caplog) -> list[str]:
    """The warnings logged (an in-process build logs to pytest's handler, not stderr)."""
    found = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    return [line for line in found if not line.startswith("feeds: SITEURL is empty")]


def test_a_second_build_waits_for_the_first_and_wins(site, qunzhi, tmp_path, caplog):
    """The first build pauses in its commit; the content changes; the second build waits
    (one line), then builds the changed content: no page keeps the withdrawn text."""
    first = subprocess.Popen(
        [sys.executable, "-c", RUNNER, "before", "swap_in", "0", "1"],
        cwd=site.root,
        stderr=subprocess.PIPE,
        text=True,
    )
    paused = site.root / "paused"
    for _ in range(600):
        if paused.exists() or first.poll() is not None:
            break
        time.sleep(0.1)
    assert paused.exists(), first.stderr.read() if first.stderr else ""
    paused.unlink()
    path = site.content / TRANSCRIPT
    path.write_text(path.read_text("utf-8").replace("我是第一次来。", "我带了风筝。"), "utf-8")

    second = qunzhi(site, "build")
    _, first_err = first.communicate(timeout=60)

    assert first.returncode == 0, first_err
    assert second.code == 0, second.err
    assert [line for line in warnings_of(caplog) if "waiting for another build" in line]
    assert not [name for name, data in site.all_output().items() if "我是第一次来".encode() in data]
    fresh = tmp_path / "fresh"
    shutil.copytree(site.content, fresh / "content")
    shutil.copy(site.settings, fresh / "pelicanconf.py")
    assert main(["build", "--settings", str(fresh / "pelicanconf.py")]) == 0
    assert tree(site.output) == tree(fresh / "output")


def manifest(site) -> Path:
    [found] = (site.root / STORE / "outputs").glob("*.json")
    return found


def toc(site) -> Path:
    [found] = (site.root / STORE / "search-index").glob("*.toc")
    return found


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xffnot what was written\n")


def empty(path: Path) -> None:
    path.write_bytes(b"")


def folder(path: Path) -> None:
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    (path / "inside").mkdir(parents=True)


def file(path: Path) -> None:
    shutil.rmtree(path)
    path.write_text("a file where a folder was\n", "utf-8")


def shapeless(path: Path) -> None:
    path.write_text('{"version": 2, "files": {"index.html": "abc"}, "inputs": 1}', "utf-8")


PARTS = {
    "store-shard": lambda site: min((site.root / STORE / "markdown").glob("*.marshal")),
    "store-step": lambda site: site.root / STORE / "markdown",
    "store": lambda site: site.root / STORE,
    "search-toc": toc,
    "search-hashes": lambda site: site.root / STORE / "search-index" / "hashes.json",
    "search-index": lambda site: site.root / STORE / "search-index",
    "search-lock": lambda site: site.root / STORE / "search-index.lock",
    "build-lock": lambda site: site.root / "cache" / "qunzhi-store.lock",
    "output-manifest": manifest,
    "output-manifests": lambda site: site.root / STORE / "outputs",
}
DAMAGES = [
    ("store-shard", garbage),
    ("store-shard", empty),
    ("store-shard", folder),
    ("store-step", file),
    ("store", file),
    ("search-toc", garbage),
    ("search-toc", empty),
    ("search-toc", folder),
    ("search-hashes", garbage),
    ("search-hashes", folder),
    ("search-index", file),
    ("search-lock", folder),
    ("build-lock", folder),
    ("output-manifest", garbage),
    ("output-manifest", folder),
    ("output-manifest", shapeless),
    ("output-manifests", file),
]


@pytest.mark.parametrize(
    ("part", "damage"), DAMAGES, ids=[f"{part}-{damage.__name__}" for part, damage in DAMAGES]
)
def test_a_damaged_cache_is_rebuilt_with_a_warning(part, damage, site, qunzhi, caplog):
    before = tree(site.output)
    path = PARTS[part](site)
    damage(path)

    with caplog.at_level(logging.INFO):
        result = qunzhi(site, "build")

    assert result.code == 0, result.err
    assert result.err == ""
    [warning] = warnings_of(caplog)
    named = {str(part.relative_to(site.root / "cache")) for part in (path, path.parent)}
    assert any(name in warning for name in named), warning  # the part, or its folder
    assert tree(site.output) == before
    caplog.clear()
    with caplog.at_level(logging.INFO):
        again = qunzhi(site, "build")
    assert again.code == 0, again.err
    assert warnings_of(caplog) == []  # the cache was repaired
    assert "hub: nothing changed since the last build" in caplog.text
    assert tree(site.output) == before


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs (a full disk is made by filling it); skipped where mount is refused."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command: a small disk cannot be made")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mount refused a small tmpfs: {done.stderr.strip() or done.returncode}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    status = os.statvfs(disk)
    with filler.open("wb") as out:
        out.truncate(0)
        out.write(b"\0" * (status.f_bavail * status.f_frsize))
    return filler


def moved_to(site, disk: Path, part: str) -> list[str]:
    """Put the output or the cache on ``disk``: the command line or settings to build with."""
    if part == "output":
        return ["--output", str(disk / "output")]
    shutil.copytree(site.root / "cache", disk / "cache")
    shutil.rmtree(site.root / "cache")
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write(f"\nCACHE_PATH = {str(disk / 'cache')!r}\n")
    return []


@pytest.mark.parametrize("part", ["output", "cache"])
def test_a_full_disk_is_one_line_and_keeps_the_old_site(
    part, small_disk, site, renamed_fresh, qunzhi
):
    options = moved_to(site, small_disk, part)
    output = small_disk / "output" if part == "output" else site.output
    assert qunzhi(site, "build", *options).code == 0
    old = tree(output)
    rename(site)
    filler = fill(small_disk)

    result = qunzhi(site, "build", *options)

    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    [line] = qunzhi_lines(result.err)
    assert "No space left on device" in line and str(small_disk) in line, line
    assert tree(output) == old
    assert not list(output.parent.glob(".qunzhi-staging-*"))
    filler.unlink()
    again = qunzhi(site, "build", *options)
    assert again.code == 0, again.err
    assert tree(output) == renamed_fresh


def test_a_read_only_disk_is_one_line_and_keeps_the_old_site(
    small_disk, site, renamed_fresh, qunzhi
):
    options = ["--output", str(small_disk / "output")]
    assert qunzhi(site, "build", *options).code == 0
    old = tree(small_disk / "output")
    rename(site)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)

    result = qunzhi(site, "build", *options)

    assert result.code == 1, result.err
    [line] = qunzhi_lines(result.err)
    assert "Read-only file system" in line and str(small_disk) in line, line
    assert "Traceback" not in result.err
    assert tree(small_disk / "output") == old
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert qunzhi(site, "build", *options).code == 0
    assert tree(small_disk / "output") == renamed_fresh


@pytest.fixture
def immutable():
    """``chattr +i`` on paths, undone after the test; skipped where it is refused."""
    made: list[Path] = []

    def make(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i refused: {done.stderr.strip()}")
        made.append(path)

    if shutil.which("chattr") is None:
        pytest.skip("no chattr command")
    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_an_unwritable_output_folder_is_one_line_and_keeps_the_old_site(
    site, immutable, renamed_fresh, qunzhi
):
    old = tree(site.output)
    rename(site)
    immutable(site.output)

    result = qunzhi(site, "build")

    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    [line] = qunzhi_lines(result.err)
    assert "Operation not permitted" in line and "output" in line, line
    assert tree(site.output) == old
    assert leftovers(site) == []
    subprocess.run(["chattr", "-i", str(site.output)], check=True)
    assert qunzhi(site, "build").code == 0
    assert tree(site.output) == renamed_fresh


def test_an_unwritable_output_file_still_gives_the_new_site(
    site, immutable, renamed_fresh, qunzhi, caplog
):
    page = site.output / "index.html"
    immutable(page)  # the new site is made beside it; only the old site's deletion fails
    rename(site)

    result = qunzhi(site, "build")

    assert result.code == 0, result.err
    [line] = warnings_of(caplog)
    assert line.startswith("hub: ") and "could not be deleted" in line, line
    assert tree(site.output) == renamed_fresh
    [left] = leftovers(site)
    subprocess.run(["chattr", "-i", str(site.root / left / "index.html")], check=True)
    assert qunzhi(site, "build").code == 0
    assert leftovers(site) == []


WORKERS = """
import os, signal, sys, time
from qunzhi.hub.workers import pool
made = pool(2)
futures = [made.submit(time.sleep, 30) for _ in range(4)]
time.sleep(1)
print(" ".join(str(pid) for pid in made._processes), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_end_when_the_build_is_killed(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "scripts"))
    from bench_kill import in_session  # the benchmark counts them the same way

    build = subprocess.Popen(
        [sys.executable, "-c", WORKERS],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    out, _ = build.communicate(timeout=60)
    assert build.returncode == -signal.SIGKILL
    assert len(out.split()) == 2  # two workers were running
    for _ in range(50):
        if not in_session(build.pid):
            break
        time.sleep(0.1)
    assert in_session(build.pid) == []  # workers, forkserver, resource tracker: all gone


def test_without_the_exchange_the_swap_is_two_renames(site, renamed_fresh, qunzhi, monkeypatch):
    """Where RENAME_EXCHANGE is missing: the old site moved aside, then the new one in."""
    monkeypatch.setattr(generations, "_exchange", lambda new, output: False)
    rename(site)

    assert qunzhi(site, "build").code == 0

    assert tree(site.output) == renamed_fresh
    assert leftovers(site) == []


def test_a_site_missing_between_the_two_renames_is_put_back(site, qunzhi, caplog):
    """A build killed between the two renames left the old site aside and no output: the
    next build puts it back first, with one warning, then builds."""
    old = tree(site.output)
    site.output.rename(site.root / f"{generations.RETIRED_PREFIX}999999999-output")

    result = qunzhi(site, "build")

    assert result.code == 0, result.err
    [line] = warnings_of(caplog)
    assert "the previous site is back" in line, line
    assert tree(site.output) == old
    assert leftovers(site) == []
