"""Editors' files come in GBK, with BOMs and CRLF line ends: all read correctly."""

from __future__ import annotations

import pytest

TEXT = "---\ntitle: 旧文件\n---\n从 QQ 导出的旧记录，全角标点：，。\n"


@pytest.mark.parametrize(
    ("name", "data", "warning"),
    [
        ("gbk.md", TEXT.encode("gbk"), True),
        ("gb18030.md", (TEXT + "𠀀\n").encode("gb18030"), True),
        ("bom.md", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), False),
        ("crlf.md", TEXT.replace("\n", "\r\n").encode("gbk"), True),
    ],
)
def test_encodings_are_read(site, qunzhi, name, data, warning):
    site.write(f"pages/{name}", data)

    result = qunzhi(site, "build")

    assert result.code == 0, result.err
    page = site.page(name.removesuffix(".md"))
    assert '<h1 id="doc-title">旧文件</h1>' in page
    assert "全角标点：，。" in page
    expected = (
        f"content/pages/{name}:1: warning: encoding: expected UTF-8, found GB18030; "
        "read it as GB18030"
    )
    assert (expected in result.lines) is warning


def test_utf16_is_named(site, qunzhi):
    site.write("pages/utf16.md", TEXT.encode("utf-16"))

    result = qunzhi(site, "check")

    assert result.code == 1
    assert (
        "content/pages/utf16.md:1: encoding: expected UTF-8 or GB18030 text, found UTF-16"
        in result.lines
    )
