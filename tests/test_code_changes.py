"""A change to the code, the theme or the settings rebuilds exactly what it affects.

A hub is a fork of this repository: its editors change ``plugins/`` and ``theme/``,
and every upgrade changes code. Each step below changes one thing in a copy of the
package and the theme, then builds the hub that was built before the change. The
incremental build must equal a build from nothing with the same code byte for byte
(output and search index), so must ``--full``, and the step says which of the build
store's kept results were reused (``-v`` prints them: ``store: NAME: N reused, M made``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from qunzhi.search.index import SearchIndex, stored_text

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "hub" / "fixture"
REUSED = re.compile(r"store: (?P<step>[\w-]+): (?P<reused>\d+) reused, (?P<made>\d+) made")
MAIN = "import sys; from qunzhi.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass
class Copy:
    """A hub with its own copy of the qunzhi package and of the theme."""

    root: Path

    @property
    def code(self) -> Path:
        return self.root / "code" / "qunzhi"

    @property
    def site(self) -> Path:
        return self.root / "hub"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "PYTHONPATH": str(self.code.parent)}
        return subprocess.run(
            [sys.executable, "-c", MAIN, *args],
            cwd=self.site,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )

    def build(self, *args: str) -> dict[str, tuple[int, int]]:
        """Build; what each step of the store reused and made."""
        result = self.run("build", "-v", *args)
        assert result.returncode == 0, result.stderr
        return {
            found["step"]: (int(found["reused"]), int(found["made"]))
            for found in REUSED.finditer(result.stderr)
        }

    def output(self) -> dict[str, bytes]:
        folder = self.site / "output"
        return {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    def indexed(self) -> dict[str, tuple[str, ...]]:
        index = SearchIndex(self.site / "cache" / "qunzhi-store" / "search-index")
        with index.searcher() as searcher:
            return {
                fields["url"]: (fields["title"], fields["kind"], stored_text(fields))
                for fields in searcher.all_stored_fields()
            }

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace ``old`` (which must be there) in a file of the copy."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    def fresh(self, where: Path) -> Copy:
        """The same code, theme, settings and content, with no store and no output."""
        other = Copy(where)
        shutil.copytree(self.root / "code", other.root / "code")
        shutil.copytree(self.root / "theme", other.root / "theme")
        shutil.copytree(self.site, other.site, ignore=shutil.ignore_patterns("output", "cache"))
        settings = other.site / "pelicanconf.py"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace(str(self.root), str(other.root)), encoding="utf-8")
        return other


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Copy:
    """The fixture hub built once with its own copies of the package and the theme."""
    copy = Copy(tmp_path_factory.mktemp("code-changes"))
    shutil.copytree(REPO / "plugins", copy.code, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "theme", copy.root / "theme")
    shutil.copytree(FIXTURE, copy.site, ignore=shutil.ignore_patterns("output", "cache"))
    with (copy.site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nTHEME = {str(copy.root / 'theme')!r}\n")
    environment = {**os.environ, "PYTHONPATH": str(copy.code.parent)}
    answer = subprocess.run(
        [sys.executable, "-c", "import qunzhi; print(qunzhi.__file__)"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.strip() == str(copy.code / "__init__.py")  # the copy is what runs
    kept = copy.build()
    assert kept and all(reused == 0 for reused, _ in kept.values())
    return copy


Change = Callable[[Copy], None]
# (step, change, steps of the store that must start again, steps that must be reused whole)
STEPS: list[tuple[str, Change, set[str], set[str]]] = [
    (
        "a function of transcript.py",
        lambda c: c.edit("code/qunzhi/hub/transcript.py", 'class="turn-head"', 'class="turn-top"'),
        {"conversations"},
        {"front-matter", "markdown", "tag-slugs"},
    ),
    (
        "a filter",
        lambda c: c.edit("code/qunzhi/hub/filters.py", '{moment.day}日"', '{moment.day}号"'),
        {"digests"},
        {"front-matter", "markdown", "conversations"},
    ),
    (
        "render.py",
        lambda c: c.edit("code/qunzhi/hub/render.py", 'f"第{number}条"', 'f"第{number}款"'),
        {"markdown", "conversations"},
        {"front-matter", "tag-slugs"},
    ),
    (
        "a digest rendering",
        lambda c: c.edit("code/qunzhi/digests/send.py", '"编辑推荐"', '"编辑精选"'),
        {"digests"},
        {"front-matter", "markdown", "conversations", "feed-entries"},
    ),
    (
        "a feed writer",
        lambda c: c.edit(
            "code/qunzhi/feeds/writer.py", "feed.generator(GENERATOR)", 'feed.generator("测试")'
        ),
        set(),
        {"front-matter", "markdown", "conversations", "digests"},
    ),
    (
        "a template",
        lambda c: c.edit("theme/templates/base.html", "</footer>", "<p>模板改了</p></footer>"),
        set(),
        {"front-matter", "markdown", "conversations", "digests", "feed-entries"},
    ),
    (
        "a setting",
        lambda c: c.edit("hub/pelicanconf.py", 'SITENAME = "测试群志"', 'SITENAME = "测试群志二"'),
        set(),
        {"front-matter", "markdown", "conversations", "tag-slugs", "topics"},
    ),
    (
        "an engine version",
        lambda c: c.edit("code/qunzhi/hub/store.py", "FORMAT = 1", "FORMAT = 2"),  # same site
        {"front-matter", "markdown", "conversations", "digests", "topics", "feed-entries"},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("change", "again", "reused"),
    [pytest.param(change, again, reused, id=step) for step, change, again, reused in STEPS],
)
def test_a_change_rebuilds_what_it_affects(built, tmp_path, change, again, reused):
    copy = Copy(tmp_path / "changed")
    shutil.copytree(built.root, copy.root, symlinks=True)
    settings = copy.site / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace(str(built.root), str(copy.root)), encoding="utf-8")
    before = copy.output()
    change(copy)

    kept = copy.build()
    incremental = copy.output()
    assert (incremental != before) == bool(reused)  # each change but the engine's shows
    for step in again:
        assert kept[step][0] == 0, (step, kept[step])
    for step in reused:
        assert kept[step][1] == 0, (step, kept[step])

    fresh = copy.fresh(tmp_path / "fresh")
    fresh.build()
    assert _differ(incremental, fresh.output()) == []
    assert copy.indexed() == fresh.indexed()

    full = copy.build("--full")
    assert all(reused == 0 for reused, _ in full.values())
    assert _differ(copy.output(), incremental) == []


def _differ(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """The first ten files that are not the same in both."""
    names = one.keys() | other.keys()
    return sorted(name for name in names if one.get(name) != other.get(name))[:10]
