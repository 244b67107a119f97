"""A build writes only the output files whose bytes changed, and repairs the rest."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

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
    for manifest in (built.root / "cache" / "qunzhi-store" / "outputs").glob("*.json"):
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


def skipped(site, qunzhi, caplog, *args: str) -> bool:
    """Build; True when the build stopped after finding its inputs unchanged."""
    caplog.clear()
    with caplog.at_level(logging.INFO):
        result = qunzhi(site, "build", *args)
    assert result.code == 0, result.err
    return "hub: nothing changed since the last build" in caplog.text


def test_a_rebuild_of_the_same_inputs_stops_after_checking_them(built, qunzhi, caplog):
    assert skipped(built, qunzhi, caplog)
    assert "Writing" not in caplog.text


def test_a_changed_theme_or_setting_is_built(built, qunzhi, caplog, tmp_path):
    with built.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nSITENAME = "改名的群志"\n')
    assert not skipped(built, qunzhi, caplog)
    assert "改名的群志" in built.page("rules")

    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "theme", theme)
    css = theme / "static" / "css" / "hub.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* 新的一行 */\n", encoding="utf-8")
    with built.settings.open("a", encoding="utf-8") as settings:
        settings.write(f"\nTHEME = {str(theme)!r}\n")
    assert not skipped(built, qunzhi, caplog)
    assert "新的一行" in (built.output / "theme" / "css" / "hub.css").read_text(encoding="utf-8")
    assert skipped(built, qunzhi, caplog)
    css.write_text(css.read_text(encoding="utf-8") + "/* 又一行 */\n", encoding="utf-8")
    assert not skipped(built, qunzhi, caplog)


def test_full_always_builds(built, qunzhi, caplog):
    assert not skipped(built, qunzhi, caplog, "--full")


def test_on_the_clock_a_build_holds_until_an_event_ends(site, qunzhi, caplog, monkeypatch):
    """Without HUB_NOW, the 沙龙 of 2016-03-12 19:00–21:30 is upcoming until 21:30."""
    settings = site.settings.read_text(encoding="utf-8")
    site.settings.write_text(settings.replace('HUB_NOW = "2016-02-01 12:00"\n', ""))

    def at(moment: str) -> bool:
        when = datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.timestamp())))
        return skipped(site, qunzhi, caplog)

    assert not at("2016-03-12 20:00")
    upcoming = site.page("events")
    assert at("2016-03-12 21:29")
    assert not at("2016-03-12 21:31")
    assert site.page("events") != upcoming


def test_the_store_keeps_what_the_build_used_and_drops_the_rest(built, qunzhi):
    store = built.root / "cache" / "qunzhi-store"
    (store / "gone-step").mkdir()
    (store / "gone-step" / "00.marshal").write_bytes(b"old")
    (store / "search-index.lock").touch()
    (built.root / "cache" / "markdown.marshal").write_bytes(b"an earlier version's cache")
    built.write("pages/new.md", "---\ntitle: 新页面\n---\n新的内容。\n")

    assert qunzhi(built, "build").code == 0

    kept = {entry.name for entry in store.iterdir()}
    assert "gone-step" not in kept and "search-index.lock" in kept
    assert {"markdown", "conversations", "front-matter", "search-index", "outputs"} <= kept
    assert not (built.root / "cache" / "markdown.marshal").exists()
