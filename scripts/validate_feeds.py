"""Validate every feed of a built site, strictly, without the network.

Atom files are validated against RFC 4287's RELAX NG schema (``atom.rng``, made from
the RFC's ``atom.rnc`` with trang) plus the rules the schema cannot say: the RFC's two
Schematron rules, unique entry ids, one alternate link per type, RFC 3339 dates with a
zone. RSS has no official schema, so RSS files are checked against the RSS 2.0
specification's profile: required channel and item elements, RFC 822 dates, guid
isPermaLink, enclosure attributes, absolute links.

Prints one line per feed and a summary; exits 1 when any feed has a problem.

    python scripts/validate_feeds.py OUTPUT
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from email.utils import parsedate_to_datetime
from pathlib import Path

from lxml import etree

SCHEMA = Path(__file__).resolve().with_name("atom.rng")
A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")
RFC822 = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d(?::\d\d)? "
    r"(?:[+-]\d{4}|UT|GMT|[ECMP][SD]T)$"
)
ABSOLUTE = re.compile(r"^https?://[^/\s]+")
RSS_CHANNEL = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
    "rating", "textInput", "skipHours", "skipDays", "item",
}  # fmt: skip
RSS_ITEM = {
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid",
    "pubDate", "source",
}  # fmt: skip


def atom_problems(tree: etree._ElementTree, schema: etree.RelaxNG) -> list[str]:
    """Problems of one Atom document: the schema's, then the RFC's other rules."""
    problems = []
    if not schema.validate(tree):
        problems += [f"line {error.line}: {error.message}" for error in schema.error_log]
    feed = tree.getroot()
    entries = feed.findall(f"{A}entry")
    if feed.find(f"{A}author") is None and any(e.find(f"{A}author") is None for e in entries):
        problems.append("an atom:feed must have an atom:author unless all its entries have one")
    ids = [entry.findtext(f"{A}id") for entry in entries]
    if len(set(ids)) != len(ids):
        problems.append("entry ids repeat within the feed")
    for element in [feed, *entries]:
        for name in ("updated", "published"):
            value = element.findtext(f"{A}{name}")
            if value is not None and not RFC3339.match(value):
                problems.append(f"atom:{name} {value!r} is not an RFC 3339 date with a zone")
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in element.findall(f"{A}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if len(set(alternates)) != len(alternates):
            problems.append("two alternate links with one type and hreflang")
        for link in element.findall(f"{A}link"):
            if not ABSOLUTE.match(link.get("href", "")):
                problems.append(f"link {link.get('href')!r} is not absolute")
    for entry in entries:
        has_alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{A}link")
        )
        if not has_alternate and entry.find(f"{A}content") is None:
            problems.append("an atom:entry must have an alternate link or atom:content")
    return problems


def _date_problem(element: etree._Element, name: str) -> str | None:
    value = element.findtext(name)
    if value is None:
        return None
    if not RFC822.match(value):
        return f"{name} {value!r} is not an RFC 822 date"
    if parsedate_to_datetime(value).tzinfo is None:
        return f"{name} {value!r} has no time zone"
    return None


def rss_problems(tree: etree._ElementTree) -> list[str]:
    """Problems of one RSS document against the RSS 2.0 profile."""
    problems = []
    rss = tree.getroot()
    if rss.tag != "rss" or rss.get("version") != "2.0":
        return [f'expected <rss version="2.0">, found <{rss.tag} version={rss.get("version")}>']
    channels = rss.findall("channel")
    if len(channels) != 1:
        return [f"expected one channel, found {len(channels)}"]
    (channel,) = channels
    problems += _children(channel, RSS_CHANNEL, "channel")
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no {name}")
    if not ABSOLUTE.match(channel.findtext("link") or ""):
        problems.append("channel link is not absolute")
    problems += [p for p in (_date_problem(channel, n) for n in ("pubDate", "lastBuildDate")) if p]
    guids = []
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number}"
        problems += _children(item, RSS_ITEM, where)
        if item.find("title") is None and item.find("description") is None:
            problems.append(f"{where} has neither title nor description")
        link = item.findtext("link")
        if link is not None and not ABSOLUTE.match(link):
            problems.append(f"{where} link {link!r} is not absolute")
        date = _date_problem(item, "pubDate")
        if date:
            problems.append(f"{where}: {date}")
        guid = item.find("guid")
        if guid is not None:
            guids.append(guid.text)
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false"):
                problems.append(f"{where} guid isPermaLink is {permalink!r}")
            elif permalink == "true" and not ABSOLUTE.match(guid.text or ""):
                problems.append(f"{where} guid is a permalink but not a URL: {guid.text!r}")
        for enclosure in item.findall("enclosure"):
            if not ABSOLUTE.match(enclosure.get("url", "")):
                problems.append(f"{where} enclosure url is not absolute")
            if not (enclosure.get("length") or "").isdigit():
                problems.append(f"{where} enclosure length is not a number of bytes")
            if "/" not in (enclosure.get("type") or ""):
                problems.append(f"{where} enclosure type is not a MIME type")
        for author in item.findall("author"):
            if "@" not in (author.text or ""):
                problems.append(f"{where} author is not an e-mail address (use dc:creator)")
    if len(set(guids)) != len(guids):
        problems.append("guids repeat within the channel")
    return problems


def _children(element: etree._Element, allowed: set[str], where: str) -> list[str]:
    """Elements without a namespace must be RSS 2.0's own; namespaced ones are modules."""
    return [
        f"{where} has <{child.tag}>, which RSS 2.0 does not define"
        for child in element
        if isinstance(child.tag, str) and not child.tag.startswith("{") and child.tag not in allowed
    ]


def validate(output: Path) -> dict[str, list[str]]:
    """Problems of every feed under ``output/feeds``, by path; empty lists when valid."""
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    results = {}
    for path in sorted((output / "feeds").rglob("*.xml")):
        tree = etree.parse(str(path))
        relative = str(path.relative_to(output))
        is_atom = tree.getroot().tag == f"{A}feed"
        results[relative] = atom_problems(tree, schema) if is_atom else rss_problems(tree)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the built site (holding feeds/)")
    args = parser.parse_args(argv)
    if not (args.output / "feeds").is_dir():
        parser.error(f"{args.output}: no feeds/ folder; build the site first")
    results = validate(args.output)
    for path, problems in results.items():
        kind = "Atom 1.0, RFC 4287 RELAX NG" if path.endswith(".atom.xml") else "RSS 2.0 profile"
        print(f"{'ok' if not problems else 'FAIL':4}  {path}  ({kind})")
        for problem in problems:
            print(f"      {problem}")
    failed = sum(1 for problems in results.values() if problems)
    atom = sum(1 for path in results if path.endswith(".atom.xml"))
    print(f"{atom} Atom and {len(results) - atom} RSS feeds: {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
