"""Markdown to HTML, configured once per build from Pelican's MARKDOWN setting.

Links written site-absolute (``/transcripts/x/``) are prefixed with SITEURL so a
hub published under a sub-path keeps working; rule lists get stable anchors.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .markdowncache import Source, convert_all, source_key
from .sanitise import Sanitiser
from .store import Step

TAG = re.compile(r"<[^>]+>")
LIST_ITEM = re.compile(r"^(?P<indent> *)(?:[-*+]|\d+[.)])\s+\S")
FENCE = re.compile(r"^\s*(```|~~~)")
SPACE = re.compile(r"\s+")
PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
CHUNK_END = "<!--qunzhi:chunk-end-->"
# Python-Markdown's block parser takes blocks off the front of a list: its time grows with
# the square of a text's blocks. A long text is converted in pieces of about this many
# characters, cut before a top-level paragraph or heading, so time grows with its length.
PIECE = 32 * 1024
# lines that must not start a piece: they continue the block before a blank line
CONTINUES = re.compile(r"^(?:\s|[-*+>:|<]|\d+[.)]|$)")
# reference links and abbreviations may be used anywhere: every piece gets all of them
DEFINITION = re.compile(r"^ {0,3}\*?\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)


class _SiteLinks(Treeprocessor):
    def __init__(self, md: Markdown, siteurl: str) -> None:
        super().__init__(md)
        self.siteurl = siteurl.rstrip("/")

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value and value.startswith("/") and not value.startswith("//"):
                    element.set(attribute, self.siteurl + value)


class _RuleAnchors(Treeprocessor):
    """Number the top-level items of a rule set's ordered lists: ``id="rule-N"``."""

    def run(self, root: ET.Element) -> None:
        number = 0
        for ordered in (child for child in root if child.tag == "ol"):
            written = ordered.get("start")
            if written and written.isdigit() and not number:
                number = int(written) - 1  # "3. …" first: the editor numbers from 3
            elif number:
                ordered.set("start", str(number + 1))
            for item in (child for child in ordered if child.tag == "li"):
                number += 1
                item.set("id", f"rule-{number}")
                link = ET.Element("a", {"class": "rule-link", "href": f"#rule-{number}"})
                link.text = f"第{number}条"
                link.tail = item.text
                item.text = None
                item.insert(0, link)
        self.md.rule_count = number  # type: ignore[attr-defined]


class _TraditionalPassages(Treeprocessor):
    """``lang="zh-Hant"`` on a paragraph, list item, heading or cell written in traditional
    characters (those the t2s folding changes), so screen readers and fonts follow it."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd"})

    def run(self, root: ET.Element) -> None:
        from .words import simplified as simplify

        for element in root.iter():
            if element.tag not in self.BLOCKS or element.get("lang"):
                continue
            text = "".join(element.itertext())
            han = [c for c in text if "\u3400" <= c <= "\u9fff"]
            if len(han) < 2:
                continue
            simplified = simplify("".join(han))
            changed = sum(a != b for a, b in zip(han, simplified, strict=False))
            if changed >= 2 and changed * 5 >= len(han):
                element.set("lang", "zh-Hant")


class _HubExtension(Extension):
    def __init__(self, siteurl: str, rules: bool) -> None:
        super().__init__()
        self.siteurl, self.rules = siteurl, rules

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_SiteLinks(md, self.siteurl), "hub_site_links", 1)
        md.treeprocessors.register(_TraditionalPassages(md), "hub_traditional", 0)
        if self.rules:
            md.treeprocessors.register(_RuleAnchors(md), "hub_rule_anchors", 2)


class Renderer:
    """Two Markdown converters (prose and rule sets) reused for every document, and the
    HTML of every text converted (kept between builds when given a cache)."""

    def __init__(self, settings: dict[str, Any], cache: Step | None = None) -> None:
        self.settings = settings
        self.cache = cache or Step(None, "")
        config = dict(settings.get("MARKDOWN") or {})
        extension_configs = {
            name: options
            for name, options in (config.get("extension_configs") or {}).items()
            if not name.endswith(".meta")
        }
        extensions = [
            name for name in config.get("extensions", []) if not str(name).endswith("meta")
        ]
        siteurl = str(settings.get("SITEURL") or "")
        common = {
            "extension_configs": extension_configs,
            "output_format": config.get("output_format", "html5"),
        }
        self._prose = Markdown(
            extensions=[*extension_configs, *extensions, _HubExtension(siteurl, rules=False)],
            **common,
        )
        self._rules = Markdown(
            extensions=[*extension_configs, *extensions, _HubExtension(siteurl, rules=True)],
            **common,
        )
        # Not lazy: a rule list that starts "3. …" numbers its rules from 3.
        self._rules.parser.blockprocessors["olist"].LAZY_OL = False
        self._sanitiser = None if settings.get("HUB_TRUSTED_HTML") else Sanitiser()

    def convert(self, kind: str, text: str) -> Any:
        """Markdown to HTML: prose gives the HTML, rules ``(HTML, rules numbered)``;
        sanitised unless HUB_TRUSTED_HTML (fragments joined by ``joined`` each alone)."""
        if kind == "rules":
            self._rules.rule_count = 0  # type: ignore[attr-defined]
            converted = self._clean(self._rules.reset().convert(text))
            return [converted, self._rules.rule_count]  # type: ignore[attr-defined]
        converted = "\n".join(self._prose.reset().convert(piece) for piece in pieces(text))
        if self._sanitiser is None or CHUNK_END not in converted:
            return self._clean(converted)
        return CHUNK_END.join(self._clean(part) for part in converted.split(CHUNK_END))

    def _clean(self, converted: str) -> str:
        return converted if self._sanitiser is None else self._sanitiser.clean(converted)

    def prepare(self, sources: list[Source], jobs: int) -> None:
        """Convert, on ``jobs`` processes, the texts a build will ask for and no cache has."""
        missing = [source for source in sources if self.cache.get(source_key(*source)) is None]
        for key, value in convert_all(missing, self.settings, jobs).items():
            self.cache.put(key, value)

    def _cached(self, kind: str, text: str) -> Any:
        key = source_key(kind, text)
        found = self.cache.get(key)
        if found is None:
            found = self.convert(kind, text)
            self.cache.put(key, found)
        return found

    def html(self, text: str) -> str:
        return self._cached("prose", text)

    @staticmethod
    def joined(texts: list[str]) -> str:
        """Many fragments as one Markdown text, each closed by a marker comment."""
        return "".join(f"{text}\n\n{CHUNK_END}\n\n" for text in texts)

    def html_many(self, texts: list[str]) -> tuple[list[str], str]:
        """Convert many Markdown fragments in one pass (a transcript has hundreds).

        Fragments are joined with a comment line that Markdown passes through
        untouched, converted once, and split again; reference links defined in
        one fragment work in the others. Returns the fragments' HTML and what
        Markdown adds after the last one (footnotes). If a fragment holds the
        marker itself, each is converted on its own.
        """
        parts = self.html(self.joined(texts)).split(CHUNK_END)
        if len(parts) != len(texts) + 1:
            return [self.html(text) for text in texts], ""
        return [part.strip("\n") for part in parts[:-1]], parts[-1].strip("\n")

    def rules(self, text: str) -> tuple[str, int]:
        """HTML of a rule set and how many rules it numbers."""
        converted, count = self._cached("rules", text)
        return converted, count


def pieces(text: str) -> list[str]:
    """``text`` cut into pieces of about PIECE characters that Markdown converts to the
    same HTML one by one as whole; a text with footnotes or raw HTML blocks stays whole
    (footnotes are numbered across the text, an HTML block may span blank lines)."""
    if len(text) <= 2 * PIECE or "[^" in text or re.search(r"^<(?!!--qunzhi)", text, re.M):
        return [text]
    shared = "\n\n" + "\n".join(DEFINITION.findall(text)) + "\n"
    found: list[str] = []
    lines = text.split("\n")
    start = size = 0
    fenced = blank = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        if size > PIECE and blank and not fenced and not CONTINUES.match(line):
            found.append("\n".join(lines[start:index]) + shared)
            start, size = index, 0
        size += len(line) + 1
        blank = not line.strip()
    found.append("\n".join(lines[start:]) + shared)
    return found


def unwrap_paragraph(converted: str) -> str:
    match = PARAGRAPH.match(converted.strip())
    return match.group(1) if match else converted


def shallow_nested_items(body: str, first_line: int) -> list[tuple[int, int]]:
    """(line, indent) of list items indented 1-3 spaces under a list item.

    Python-Markdown nests only at 4 spaces, so such items would silently join
    their parent item; editors used to 2-space Markdown get told instead.
    """
    found = []
    in_list = fenced = False
    for number, line in enumerate(body.split("\n"), first_line):
        if FENCE.match(line):
            fenced = not fenced
        if fenced or not line.strip():
            continue
        item = LIST_ITEM.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0:
            in_list = bool(item)
        elif item and in_list and indent < 4:
            found.append((number, indent))
    return found


def plain_text(markup: str) -> str:
    """Visible text of an HTML fragment, on one line."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup))).strip()


def shorten(text: str, limit: int) -> str:
    """Cut at a sentence end when one is near the limit, else at the limit with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(mark) for mark in "。！？!?；")
    if end >= limit // 2:
        return cut[: end + 1]
    return cut.rstrip() + "…"
