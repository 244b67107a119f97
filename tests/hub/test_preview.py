"""``serve --watch`` previews a saved document's page from the last build: the same
bytes the whole rebuild then writes, and no preview when only a whole build can tell."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from qunzhi.cli.build import build_site
from qunzhi.cli.options import load_settings
from qunzhi.hub.generator import HubGenerator
from qunzhi.hub.preview import preview_page

TRANSCRIPT = "transcripts/2016/2016-01-03-kai-chang.md"


def last_build(site, monkeypatch) -> HubGenerator:
    monkeypatch.chdir(site.root)
    args = Namespace(settings=str(site.settings), content=None, verbose=False, debug=False)
    generators: list = []
    build_site(load_settings(args), keep=generators)
    return next(g for g in generators if isinstance(g, HubGenerator))


def replace(site, relative: str, old: str, new: str) -> Path:
    path = site.content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_preview_is_the_page_the_rebuild_writes(site, qunzhi, monkeypatch, tmp_path):
    generator = last_build(site, monkeypatch)
    path = replace(site, TRANSCRIPT, "我是第一次来。", "我是第一次来，带了风筝。")

    url = preview_page(generator, path, tmp_path)

    assert url == "transcripts/kai-chang/"
    previewed = (tmp_path / url / "index.html").read_text(encoding="utf-8")
    assert "带了风筝" in previewed
    assert qunzhi(site, "build").code == 0
    assert previewed == site.page(url)


def test_edits_a_page_alone_cannot_show_wait_for_the_rebuild(site, monkeypatch, tmp_path):
    generator = last_build(site, monkeypatch)
    output = tmp_path / "preview"
    cases = [
        ("members/zhaolei.md", "name: 赵磊", "name: 赵磊磊"),  # a member: many pages
        (TRANSCRIPT, "tags: [社群运营, 读书]", "tags: [社群运营, 风筝]"),  # a new tag
        (TRANSCRIPT, "title: ", "titel: "),  # an error
        (TRANSCRIPT, "tags:", "status: draft\ntags:"),  # no longer published
    ]
    for relative, old, new in cases:
        path = replace(site, relative, old, new)
        assert preview_page(generator, path, output) is None, new
        replace(site, relative, new, old)
    assert not output.exists()
