"""A hub's own theme/ over THEME, file by file: every edit to it shows in the next build,
even one that would otherwise find nothing changed; without it the packaged files return."""

from __future__ import annotations

from pathlib import Path

from qunzhi.hub.themefolders import own_theme, theme_folders

REPO_THEME = Path(__file__).resolve().parents[2] / "theme"


def own_files(site, template: str, css: str) -> None:
    (site.root / "theme" / "templates").mkdir(parents=True, exist_ok=True)
    (site.root / "theme" / "static" / "css").mkdir(parents=True, exist_ok=True)
    (site.root / "theme" / "templates" / "page.html").write_text(
        '{% extends "!theme/page.html" %}{% block content %}'
        f'<p class="own">{template}</p>{{{{ super() }}}}{{% endblock %}}',
        encoding="utf-8",
    )
    (site.root / "theme" / "static" / "css" / "hub.css").write_text(css, encoding="utf-8")


def test_each_edit_of_the_own_theme_shows_in_the_next_build(built, qunzhi):
    own_files(built, "第一版说明", "/* 第一版 */")
    assert qunzhi(built, "build").code == 0
    assert '<p class="own">第一版说明</p>' in built.page("about")
    assert (built.output / "theme" / "css" / "hub.css").read_text("utf-8") == "/* 第一版 */"
    assert "第一版说明" not in built.page("")  # only page.html was overridden

    own_files(built, "第二版说明", "/* 第二版 */")  # nothing else changed
    assert qunzhi(built, "build").code == 0
    assert "第二版说明" in built.page("about")
    assert (built.output / "theme" / "css" / "hub.css").read_text("utf-8") == "/* 第二版 */"

    for name in ("templates/page.html", "static/css/hub.css"):
        (built.root / "theme" / name).unlink()
    assert qunzhi(built, "build").code == 0
    assert "第二版说明" not in built.page("about")
    packaged = (REPO_THEME / "static" / "css" / "hub.css").read_bytes()
    assert (built.output / "theme" / "css" / "hub.css").read_bytes() == packaged


def test_a_theme_named_as_theme_is_not_layered_over_itself(tmp_path):
    (tmp_path / "theme").mkdir()
    settings = {"PATH": str(tmp_path / "content"), "THEME": str(tmp_path / "theme")}
    assert own_theme(settings) is None
    assert theme_folders(settings) == [tmp_path / "theme"]

    settings["THEME"] = str(REPO_THEME)
    assert own_theme(settings) == tmp_path / "theme"
    assert theme_folders(settings) == [REPO_THEME, tmp_path / "theme"]
