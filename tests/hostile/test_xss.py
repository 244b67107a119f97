"""The XSS corpus through every output kind: pages, feeds (Atom and RSS, parsed the way a
reader parses them, HTML parts only), digest pages and newsletters: nothing is live."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import lxml.html
import pytest
from xss_payloads import PAYLOADS

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "background", "poster", "srcset")
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript):", re.IGNORECASE)
TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def as_browsers_read(url: str) -> str:
    """The WHATWG URL parser: C0 controls and spaces trimmed, tabs and newlines removed."""
    return TAB_OR_NEWLINE.sub("", url.strip("".join(map(chr, range(0x21)))))


DEAD_TAGS = ("iframe", "object", "embed", "frame", "frameset", "base", "math")
THEME = "/theme/"


def structured_data(element: lxml.html.HtmlElement) -> bool:
    """The theme's JSON-LD: data a browser never runs, and whole JSON (a title that broke
    out of it would leave a script element of its own, which is caught)."""
    if (element.get("type") or "").lower() != "application/ld+json" or element.get("src"):
        return False
    try:
        json.loads(element.text or "")
    except ValueError:
        return False
    return True


def live_parts(markup: str) -> list[str]:
    """Everything in ``markup`` a browser would run or load as script, as readable notes."""
    if not markup.strip():
        return []
    found = []
    for element in lxml.html.fragments_fromstring(f"<div>{markup}</div>")[0].iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower().split("}")[-1]
        theirs = not (element.get("src") or "").startswith(THEME)
        if tag == "script" and theirs and not structured_data(element):
            found.append(f"<script> {lxml.html.tostring(element)[:80]!r}")
        if tag in DEAD_TAGS or (tag == "meta" and element.get("http-equiv")):
            found.append(f"<{tag}>")
        stylesheet = tag == "link" and "stylesheet" in (element.get("rel") or "")
        if stylesheet and THEME not in (element.get("href") or ""):
            found.append(f"<link stylesheet {element.get('href')!r}>")
        if tag == "style" and "alert" in (element.text or ""):
            found.append("<style> with the payload")
        for name, value in element.attrib.items():
            name = name.lower().split("}")[-1]
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES:
                urls = value.split(",") if name == "srcset" else [value]
                if any(DANGEROUS_SCHEME.match(as_browsers_read(url)) for url in urls):
                    found.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "style" and re.search(r"expression|url\(", value, re.IGNORECASE):
                found.append(f"<{tag} style={value!r}>")
    return found


def _payload_site(site) -> None:
    names = list(PAYLOADS)
    paragraphs = "\n\n".join(f"{name}：{PAYLOADS[name]}" for name in names)
    site.write("pages/xss.md", f"---\ntitle: 攻击页\n---\n{paragraphs}\n")
    turns = "\n\n".join(
        f"[20:{i % 60:02d}] 老王：{PAYLOADS[name]}\n\n> {PAYLOADS[name]}\n>\n> —— 老王"
        for i, name in enumerate(names)
    )
    site.write(
        "transcripts/2016/2016-01-20-xss.md",
        "---\ntitle: 攻击实录\ndate: 2016-01-20 20:00\ngroup: paoge\nhost: 老王\n"
        "summary: \"<img src=x onerror=alert('摘要')>\"\n---\n" + turns + "\n",
    )
    quotes = "\n\n".join(f"> {PAYLOADS[name]}\n>\n> —— 赵磊" for name in names)
    site.write(
        "events/2016-01-16-xss.md",
        "---\ntitle: 攻击活动\ndate: 2016-01-16 14:00\ngroup: paoge\n---\n"
        f"{paragraphs}\n\n{quotes}\n",
    )
    items = "\n".join(f"{number}. {PAYLOADS[name]}" for number, name in enumerate(names, 1))
    site.write(
        "rules/xss-qungui.md",
        f"---\ntitle: 攻击群规\ngroup: paoge\nversion: 1\neffective: 2016-01-18\n---\n{items}\n",
    )
    site.write("members/gongji.md", f"---\nname: 攻击者\njoined: 2016-01-19\n---\n{paragraphs}\n")
    site.write("digests/2016-01.md", f"---\ntitle: 一月按语\n---\n{paragraphs}\n")
    site.write("digests/2016-W03.md", f"---\ntitle: 第三周按语\n---\n{paragraphs}\n")
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_DIGEST_QUOTES = 100\nHUB_FEED_ITEMS = 100\n")


def test_the_detector_finds_the_payloads_live_in_trusted_html(site, qunzhi):
    """The check is worth something: with HUB_TRUSTED_HTML the raw payloads are there."""
    _payload_site(site)
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_TRUSTED_HTML = True\n")
    assert qunzhi(site, "build").code == 0
    found = live_parts(site.page("xss"))
    assert len(found) >= 30
    checked = qunzhi(site, "check")
    listed = [line for line in checked.lines if "raw HTML kept as written" in line]
    assert any(line.startswith("content/pages/xss.md:4: note: body:") for line in listed)
    assert not any("members/wangjianguo.md" in line for line in listed)  # no HTML there


@pytest.fixture
def attacked(site, qunzhi):
    _payload_site(site)
    result = qunzhi(site, "build")
    assert result.code == 0, result.err
    return site


def _html_files(output: Path) -> dict[str, str]:
    return {
        str(path.relative_to(output)): path.read_text("utf-8") for path in output.rglob("*.html")
    }


def test_the_corpus_covers_the_kinds_of_the_cheat_sheet():
    assert len(PAYLOADS) >= 30


def test_no_payload_is_live_in_any_page_digest_or_newsletter(attacked):
    pages = _html_files(attacked.output)
    shown = {
        name
        for name in (
            "xss/",
            "transcripts/xss/",
            "events/xss/",
            "rules/xss-qungui/",
            "members/gongji/",
        )
        if f"{name}index.html" in pages
    }
    assert len(shown) == 5
    newsletters = [name for name in pages if name.endswith("newsletter.html")]
    assert "digests/2016/w03/newsletter.html" in newsletters
    assert "digests/2016/01/newsletter.html" in newsletters
    live = {name: found for name, text in pages.items() if (found := live_parts(text))}
    assert live == {}
    # the text survives as text: the sanitiser removes markup, not what members wrote
    assert "点我" in pages["xss/index.html"] and "表达式" in pages["xss/index.html"]


def test_no_payload_is_live_in_any_feed(attacked):
    feeds = sorted((attacked.output / "feeds").rglob("*.xml"))
    assert len(feeds) > 10
    live = {}
    entries = 0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        for entry in parsed.entries:
            entries += 1
            parts = [content.value for content in entry.get("content", [])]
            parts.append(entry.get("summary", ""))
            found = [note for part in parts for note in live_parts(part)]
            if found:
                live[f"{path.name}: {entry.title}"] = found
    assert entries > 50
    assert live == {}


def test_rss_descriptions_are_escaped_text(attacked):
    rss = (attacked.output / "feeds" / "all.rss.xml").read_bytes()
    parsed = feedparser.parse(rss, sanitize_html=False)
    (entry,) = [entry for entry in parsed.entries if entry.title == "攻击实录"]
    # the summary written as text arrives as text: its markup is escaped, not an image
    assert entry.summary == "&lt;img src=x onerror=alert('摘要')&gt;"
    assert lxml.html.fragment_fromstring(entry.summary, create_parent="p").findall(".//img") == []
