"""The allowlist keeps everything Markdown and the theme make: the same elements and
attributes before and after cleaning, for the demo hub's bodies and every extension."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from pelican.settings import DEFAULT_CONFIG

from qunzhi.hub.frontmatter import decode, split
from qunzhi.hub.render import Renderer, pieces
from qunzhi.hub.sanitise import Sanitiser, raw_html_lines

REPO = Path(__file__).resolve().parents[2]
MARKDOWN = """\
# 标题 {#custom}

## 第二节

| 左 | 中 | 右 |
|:--|:-:|--:|
| 1 | 2 | 3 |

脚注[^1]，*强调*，**加粗**，`代码`，~~删除~~，[链接](https://example.org "标题")，
[站内](/transcripts/x/)，[邮件](mailto:a@example.org)，[锚点](#fn:1)。

![图](/images/a.png "说明")

```python
def f():
    return 1
```

    缩进代码

> 引用
> —— 老王

1. 一
2. 二
    - 嵌套

术语
:   定义

*[HTML]: 超文本

HTML 缩写。

[^1]: 脚注内容。
"""
EXTENSIONS = ["markdown.extensions.toc", "markdown.extensions.admonition"]


def shape(markup: str) -> list[tuple[str, tuple[str, ...]]]:
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return [(element.tag, tuple(sorted(element.attrib))) for element in root.iter()]


def renderer(trusted: bool, extensions: list[str] | None = None) -> Renderer:
    settings = dict(DEFAULT_CONFIG, SITEURL="", HUB_TRUSTED_HTML=trusted)
    if extensions:
        markdown = dict(settings["MARKDOWN"])
        markdown["extension_configs"] = {
            **markdown["extension_configs"],
            **{name: {} for name in extensions},
        }
        settings["MARKDOWN"] = markdown
    return Renderer(settings)


@pytest.mark.parametrize("extensions", [None, EXTENSIONS], ids=["pelican-default", "toc"])
def test_markdown_output_keeps_every_element_and_attribute(extensions):
    text = MARKDOWN + '\n!!! note "提示"\n    注意事项。\n'
    raw = renderer(True, extensions).convert("prose", text)
    clean = renderer(False, extensions).convert("prose", text)
    assert shape(clean) == shape(raw)
    assert 'id="custom"' in clean and 'class="footnote-ref"' in clean
    assert 'style="text-align:center"' in clean.replace(": ", ":")


def test_image_attributes_and_figures_are_kept():
    figure = (
        '<figure><img src="/images/a.png" alt="图" width="640" height="480" loading="lazy" '
        'decoding="async" srcset="/images/a.png 1x, /images/a@2x.png 2x" sizes="100vw">'
        "<figcaption>说明</figcaption></figure>"
        '<picture><source srcset="/images/a.webp" type="image/webp">'
        '<img src="/images/a.png"></picture>'
    )
    assert Sanitiser().clean(figure) == figure


def test_every_demo_body_keeps_its_shape():
    rules = renderer(False)
    trusted = renderer(True)
    compared = 0
    for path in sorted((REPO / "content").rglob("*.md")):
        document = split(decode(path.read_bytes())[0])
        kind = "rules" if "rules" in path.parts else "prose"
        raw, clean = trusted.convert(kind, document.body), rules.convert(kind, document.body)
        if kind == "rules":
            raw, clean = raw[0], clean[0]
        assert shape(clean) == shape(raw), path
        compared += 1
    assert compared > 25


def test_rule_anchors_survive():
    html, count = renderer(False).convert("rules", "1. 友善\n2. 守时 <b onclick=x>粗</b>\n")
    assert count == 2
    assert (
        '<li id="rule-2"><a class="rule-link" href="#rule-2">第2条</a>守时 <b>粗</b></li>' in html
    )


def test_raw_html_lines_skip_code_and_autolinks():
    body = (
        "普通\n<b>粗</b>\n`<i>代码</i>`\n```\n<script>\n```\n<https://example.org>\n<!-- 注 -->\n"
    )
    assert list(raw_html_lines(body, 10)) == [11, 17]


def test_a_long_text_converted_in_pieces_is_the_text_converted_whole():
    """Pieces keep build time linear in a document's size and change no byte."""
    bodies = []
    for path in sorted((REPO / "content").rglob("*.md")):
        body = split(decode(path.read_bytes())[0]).body
        if "[^" not in body and "rules" not in path.parts:
            bodies.append(body)
    text = "\n\n".join(bodies * 8) + "\n\n[参考][r]\n\n[r]: https://example.org/r\n"
    assert len(pieces(text)) > 3
    trusted = renderer(True)
    whole = trusted._prose.reset().convert(text)
    assert trusted.convert("prose", text) == whole
    assert whole.count('href="https://example.org/r"') == 1
