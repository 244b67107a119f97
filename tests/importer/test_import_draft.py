"""The written draft: where it goes, that it reads back clean, and what a build makes of it."""

from __future__ import annotations

import io
import re
import sys

import pytest

from qunzhi.cli import main
from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.reader import read_document
from qunzhi.hub.schema import Context
from qunzhi.hub.settings import site_zone

TURN = re.compile(r'<div class="turn" id="turn-(\d+)" data-speaker="([^"]*)">')
DRAFT = "transcripts/2016/2016-01-03-she-qun-de-ji-yi.md"


def test_import_writes_a_draft_under_the_year_and_reports(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_gbk_crlf())

    result = qunzhi(site, "import", "qq.txt", "--title", "社群的记忆")

    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.splitlines()[:2] == [
        "read qq.txt: QQ message export (qq, gb18030), 12 messages",
        f"wrote content/{DRAFT}: 7 turns, status: draft",
    ]
    text = (site.content / DRAFT).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 社群的记忆\ndate: 2016-01-03 20:00\n")


def test_the_draft_reads_back_through_the_hub_reader_without_any_problem(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_utf8_bom())
    chat("odd.txt", logs.text("odd_names.txt"))
    chat("paste.txt", logs.text("plain_paste.txt"))
    existing = set((site.content / "transcripts").rglob("*.md"))
    assert qunzhi(site, "import", "qq.txt", "--title", "社群的记忆", "--host", "老王").code == 0
    assert qunzhi(site, "import", "odd.txt", "--title", "怪名字").code == 0
    assert qunzhi(site, "import", "paste.txt", "--speakers", "陈老师").code == 0
    context = Context(zone=site_zone({}), groups=("paoge", "dushu"))

    imported = sorted(set((site.content / "transcripts").rglob("*.md")) - existing)

    assert len(imported) == 3
    for path in imported:
        diagnostics = Diagnostics()
        doc = read_document(path, "transcripts", context, diagnostics)
        assert diagnostics.items == [], path
        assert doc is not None and doc.status == "draft"


def test_a_published_import_builds_turns_with_the_right_speakers(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_gbk_crlf())
    assert qunzhi(site, "import", "qq.txt", "--title", "社群的记忆", "--host", "老王").code == 0
    path = site.content / DRAFT
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: draft", "status: published"),
        encoding="utf-8",
    )

    result = qunzhi(site, "build")

    assert result.code == 0, result.err
    page = site.page("transcripts/she-qun-de-ji-yi")
    turns = TURN.findall(page)
    assert [int(number) for number, _ in turns] == list(range(1, 8))
    assert [speaker for _, speaker in turns] == [
        "wangjianguo", "lixiaohong", "星", "路人甲", "zhaolei", "wangjianguo", "lixiaohong"
    ]  # fmt: skip
    assert "老王：你说的“别刷屏”我第一个同意。" in page  # quoted inside 小红's turn
    assert "&lt;b&gt;加粗&lt;/b&gt;不会生效" in page and "<b>加粗" not in page
    for secret in ("10001", "30003", "lu@example.net", "138-1234-5678", "lujia_2016"):
        assert secret not in page


def test_odd_names_build_as_turns(site, qunzhi, chat, logs):
    chat("odd.txt", logs.text("odd_names.txt"))
    assert qunzhi(site, "import", "odd.txt", "--title", "怪名字").code == 0
    path = site.content / "transcripts/2016/2016-01-20-guai-ming-zi.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: draft", "status: published"),
        encoding="utf-8",
    )

    assert qunzhi(site, "build").code == 0
    turns = TURN.findall(site.page("transcripts/guai-ming-zi"))
    assert [speaker for _, speaker in turns] == ["张三", "星", "A·B", "王五 【备注】"]


def test_never_overwrites_and_never_reuses_a_slug(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_utf8_bom())
    site.write("transcripts/2015/2015-06-01-she-qun-de-ji-yi-2.md", "---\ntitle: 旧的\n---\n")
    first = qunzhi(site, "import", "qq.txt", "--title", "社群的记忆")
    written = (site.content / DRAFT).read_text(encoding="utf-8")

    second = qunzhi(site, "import", "qq.txt", "--title", "社群的记忆")

    assert (first.code, second.code) == (0, 0)
    assert (site.content / DRAFT).read_text(encoding="utf-8") == written
    assert "wrote content/transcripts/2016/2016-01-03-she-qun-de-ji-yi-3.md" in second.out


def test_dry_run_prints_the_draft_and_writes_nothing(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_utf8_bom())
    before = sorted(site.content.rglob("*"))

    result = qunzhi(site, "import", "qq.txt", "--dry-run")

    assert result.code == 0
    assert result.out.startswith("---\ntitle: 待定标题\n")
    assert result.lines[1] == "dry run: nothing written: 7 turns, status: draft"
    assert sorted(site.content.rglob("*")) == before


def test_help_lists_every_option(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "--help"])
    text = capsys.readouterr().out
    assert exit_info.value.code == 0
    for option in (
        "FILE", "--format FORMAT", "--group ID", "--title T", "--list", "--gap TIME",
        "--session N", "--from DATE", "--until DATE", "--anonymise", "chatlab-jsonl",
        "--speakers A,B", "--host NAME", "--encoding ENC", "--content DIR",
        "--keep-contacts", "--keep-media", "--dry-run", "--date DATE", "--settings FILE",
        "-v", "--debug", "Exit status",
    ):  # fmt: skip
        assert option in text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_only(site, qunzhi, chat, logs, monkeypatch):
    chat("qq.txt", logs.qq_utf8_bom())
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    assert qunzhi(site, "import", "qq.txt", "--dry-run").code == 0

    assert "\r群志：导入 12/12\r\x1b[Kread qq.txt:" in terminal.getvalue()  # wiped, then the report


def test_no_progress_bar_when_not_on_a_terminal(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_utf8_bom())

    result = qunzhi(site, "import", "qq.txt", "--dry-run")

    assert "群志：导入" not in result.err and "\r" not in result.err


def test_a_private_member_keeps_the_chat_name_and_no_link(site, qunzhi, chat):
    chat("wx.txt", "隐身人 2016/1/10 20:31\n我不想留名。\n老王 2016/1/10 20:32\n好的。\n")
    assert qunzhi(site, "import", "wx.txt", "--title", "私密成员").code == 0
    path = site.content / "transcripts/2016/2016-01-10-si-mi-cheng-yuan.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: draft", "status: published"),
        encoding="utf-8",
    )

    assert qunzhi(site, "build").code == 0
    page = site.page("transcripts/si-mi-cheng-yuan")
    assert [speaker for _, speaker in TURN.findall(page)] == ["隐身人", "wangjianguo"]
    assert "yinshi" not in page and "隐士甲" not in page


def test_content_option_chooses_where_the_draft_goes(site, qunzhi, chat, tmp_path):
    other = tmp_path / "other"
    (other / "members").mkdir(parents=True)
    chat("wx.txt", "老王 2016/1/10 20:31\n你好\n")

    result = qunzhi(site, "import", "wx.txt", "--content", str(other))

    assert result.code == 0, result.err
    assert (other / "transcripts/2016/2016-01-10-dai-ding-biao-ti.md").is_file()
    assert "  老王 → unknown, kept as written, 1 turn" in result.out  # no members there


def test_a_line_like_a_markdown_link_definition_shows_as_typed(site, qunzhi, chat):
    chat("wx.txt", "小红 2016/1/10 20:31\n[1]: 见上文第一条\n[^注]: 出自《乡土中国》\n")
    assert qunzhi(site, "import", "wx.txt", "--title", "脚注").code == 0
    path = site.content / "transcripts/2016/2016-01-10-jiao-zhu.md"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("[20:31] 李小红：\\[1]: 见上文第一条\n\n\\[^注]: 出自《乡土中国》\n")
    path.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")

    assert qunzhi(site, "build").code == 0
    page = site.page("transcripts/jiao-zhu")
    assert "<p>[1]: 见上文第一条</p>" in page and "<p>[^注]: 出自《乡土中国》</p>" in page
