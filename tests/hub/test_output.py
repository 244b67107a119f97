"""A build writes only the output files whose bytes changed, and repairs the rest."""

from __future__ import annotations

from pathlib import Path

TRANSCRIPT = "transcripts/2016/2016-01-03-kai-chang.md"


def stamps(output: Path) -> dict[str, tuple[int, int]]:
    """Each output file's inode and modification time: both change when a file is written."""
    found = {}
    for path in output.rglob("*"):
        if path.is_file():
            status = path.stat()
            found[path.relative_to(output).as_posix()] = (status.st_ino, status.st_mtime_ns)
    return found


def test_a_rebuild_with_nothing_changed_writes_no_file(built, qunzhi):
    before = stamps(built.output)

    assert qunzhi(built, "build").code == 0

    assert stamps(built.output) == before


def test_one_edit_rewrites_only_the_files_that_show_it(built, qunzhi):
    before = stamps(built.output)
    path = built.content / TRANSCRIPT
    path.write_text(
        path.read_text(encoding="utf-8").replace("我是第一次来。", "我是第一次来，带了风筝。"),
        encoding="utf-8",
    )

    assert qunzhi(built, "build").code == 0

    after = stamps(built.output)
    assert before.keys() <= after.keys()  # new words may add search shards
    changed = {name for name in after if after[name] != before.get(name)}
    assert "transcripts/kai-chang/index.html" in changed
    assert "风筝" in built.page("transcripts/kai-chang/")
    # lists, feeds, digests and search shards that show the turn change; no other
    # document's own page does, nor the theme's files
    pages = {name for name in after if name.count("/") == 2 and name.endswith("/index.html")}
    others = {name for name in pages if name.startswith(("transcripts/", "events/", "rules/"))}
    assert others - {"transcripts/kai-chang/index.html"}, "the fixture has other pages"
    assert changed & others == {"transcripts/kai-chang/index.html"}
    assert not {name for name in changed if name.startswith(("theme/", "members/"))}


def test_output_files_changed_by_hand_are_put_back(built, qunzhi):
    fresh = built.all_output()
    (built.output / "index.html").write_text("edited by hand", encoding="utf-8")
    (built.output / "rules" / "index.html").unlink()
    (built.output / "stray.html").write_text("not built", encoding="utf-8")
    (built.output / "old" / "deep").mkdir(parents=True)
    (built.output / "old" / "deep" / "page.html").write_text("gone", encoding="utf-8")

    assert qunzhi(built, "build").code == 0

    assert built.all_output() == fresh
    assert not (built.output / "old").exists()


def test_without_its_manifest_every_file_is_written_again(built, qunzhi):
    """Without the manifest (a deleted cache) every file is written again, and is right."""
    fresh = built.all_output()
    for manifest in (built.root / "cache").glob("output-*.json"):
        manifest.unlink()
    before = stamps(built.output)

    assert qunzhi(built, "build").code == 0

    after = stamps(built.output)
    assert built.all_output() == fresh
    assert all(after[name] != before[name] for name in after)


def test_a_deleted_output_folder_is_built_again_whole(built, qunzhi):
    fresh = built.all_output()
    for path in sorted(built.output.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    built.output.rmdir()

    assert qunzhi(built, "build").code == 0

    assert built.all_output() == fresh


def test_a_page_that_became_a_folder_and_back(built, qunzhi):
    """A stale file where the new build needs a folder is made way for."""
    fresh = built.all_output()
    (built.output / "groups").rename(built.root / "groups-moved")
    (built.output / "groups").write_text("a file where a folder belongs", encoding="utf-8")

    assert qunzhi(built, "build").code == 0

    assert built.all_output() == fresh
    assert (built.output / "groups").is_dir()
