"""The same hub as plain Pelican and Hugo sites, for scripts/bench.py's side-by-side builds.

Issue 7 compares our build with what the other generators do with the same Markdown alone:
Pelican with no plugins and its default theme, Hugo with minimal templates. Only the
front matter changes (each generator's own metadata); every body is copied byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from gen_corpus import _Dumper  # the corpus's own: libyaml, no anchors

ARTICLE_KINDS = ("transcripts", "events", "rules")
PAGE_KINDS = ("members", "pages")
DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-")
UNPUBLISHED = ("draft", "private")
HUGO_KEYS = ("date", "tags", "group", "slug", "status", "summary")
HUGO_TEMPLATES = {
    "baseof.html": '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
    "<title>{{ .Title }} · {{ site.Title }}</title>\n</head>\n"
    '<body>\n{{ block "main" . }}{{ end }}\n</body>\n</html>\n',
    "single.html": '{{ define "main" }}<article>\n<h1>{{ .Title }}</h1>\n'
    '{{ with .Date }}<time>{{ .Format "2006-01-02 15:04" }}</time>{{ end }}\n'
    "{{ .Content }}\n</article>{{ end }}\n",
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n<ul>\n'
    '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>\n'
    "{{ end }}</ul>{{ end }}\n",
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """yaml.safe_load on libyaml: converting 10,000 documents should not dominate a bench run."""


@dataclass
class Document:
    """One hub document: its kind (top folder), path below content/, front matter and body."""

    kind: str
    rel: Path
    meta: dict[str, Any]
    body: str

    @property
    def slug(self) -> str:
        """The contract's slug: `slug`, else the file name without a leading YYYY-MM-DD-."""
        return str(self.meta.get("slug") or DATED_NAME.sub("", self.rel.stem))

    @property
    def title(self) -> str:
        """Members' `title` is their job: their headline is `name`."""
        key = "name" if self.kind == "members" else "title"
        return _line(self.meta.get(key) or self.rel.stem)

    @property
    def date(self) -> Any:
        """When it happened; rules have no `date`, their `effective` day stands in."""
        return self.meta.get("date") or self.meta.get("effective")

    @property
    def unpublished(self) -> bool:
        return self.meta.get("status") in UNPUBLISHED


def read_document(content: Path, path: Path) -> Document:
    """Split a hub document into its YAML front matter and Markdown body."""
    text = path.read_text(encoding="utf-8")
    head, body = "", text
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
    meta = yaml.load(head, Loader=_Loader) or {}
    rel = path.relative_to(content)
    return Document(rel.parts[0], rel, meta, body.lstrip("\n"))


def documents(content: Path) -> list[Document]:
    """Every article and page of a hub, in path order (digest notes are not documents)."""
    kinds = ARTICLE_KINDS + PAGE_KINDS
    return [
        read_document(content, path)
        for path in sorted(content.rglob("*.md"))
        if path.relative_to(content).parts[0] in kinds
    ]


def _line(value: Any) -> str:
    """A metadata value on one line: Pelican's Markdown metadata ends at a line break."""
    return " ".join(str(value).split())


def _pelican_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return _line(value)


def pelican_markdown(doc: Document, groups: dict[str, str]) -> str:
    """The document with Pelican's own metadata lines (Title:, Date: …) instead of YAML.

    The group becomes the category; `private`, which Pelican does not know, becomes `draft`
    (both are unpublished); the body is unchanged.
    """
    meta = doc.meta
    lines = [f"Title: {doc.title}"]
    if doc.date is not None:
        lines.append(f"Date: {_pelican_date(doc.date)}")
    if meta.get("tags"):
        lines.append("Tags: " + ", ".join(_line(tag) for tag in meta["tags"]))
    if meta.get("group"):
        lines.append(f"Category: {_line(groups.get(meta['group'], meta['group']))}")
    lines.append(f"Slug: {doc.slug}")
    if meta.get("summary"):
        lines.append(f"Summary: {_line(meta['summary'])}")
    if doc.unpublished:
        lines.append("Status: draft")
    return "\n".join(lines) + "\n\n" + doc.body


def _hugo_date(value: Any, zone: ZoneInfo) -> str:
    """ISO 8601 with the site's offset: Hugo does not read `2024-03-01 20:00`."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        moment = dt.datetime.fromisoformat(str(value).strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat()


def hugo_markdown(doc: Document, groups: dict[str, str], zone: ZoneInfo) -> str:
    """The document with Hugo's front matter: its own keys, and ours under `params`.

    `aliases` must move (Hugo would make redirect pages of members' other names), `status`
    becomes `draft`, the group a category, and dates get the site's UTC offset.
    """
    meta = doc.meta
    front: dict[str, Any] = {"title": doc.title, "slug": doc.slug}
    if doc.date is not None:
        front["date"] = _hugo_date(doc.date, zone)
    if meta.get("tags"):
        front["tags"] = [str(tag) for tag in meta["tags"]]
    if meta.get("group"):
        front["categories"] = [str(groups.get(meta["group"], meta["group"]))]
    if meta.get("summary"):
        front["summary"] = str(meta["summary"])
    if doc.unpublished:
        front["draft"] = True
    headline = "name" if doc.kind == "members" else "title"
    rest = {key: value for key, value in meta.items() if key not in (*HUGO_KEYS, headline)}
    if rest:
        front["params"] = rest
    head = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return f"---\n{head}---\n\n{doc.body}"


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode()
    path.write_bytes(data)
    return len(data)


def write_pelican_site(docs: list[Document], groups: dict[str, str], site: Path) -> Path:
    """content/ (articles by kind, pages under pages/) and pelicanconf.py; returns the settings.

    Settings are Pelican's defaults (feeds included, no pagination, default theme) with no
    plugins, an empty SITEURL, and the hub's time zone and language.
    """
    content = site / "content"
    for doc in docs:
        rel = doc.rel if doc.kind in ARTICLE_KINDS else Path("pages") / doc.rel
        _write(content / rel, pelican_markdown(doc, groups))
    settings = site / "pelicanconf.py"
    values = {
        "SITENAME": "Pelican",
        "SITEURL": "",
        "TIMEZONE": "Asia/Shanghai",
        "DEFAULT_LANG": "zh-CN",
        "PLUGINS": [],
        "CACHE_PATH": str(site / "cache"),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
    }
    settings.write_text("".join(f"{key} = {value!r}\n" for key, value in values.items()))
    return settings


def write_hugo_site(docs: list[Document], groups: dict[str, str], site: Path, zone: str) -> Path:
    """content/, layouts/_default/{baseof,single,list}.html and hugo.yaml; returns the site.

    Default taxonomies (tags, categories), feeds and sitemap, as Hugo does out of the box;
    `buildFuture`, since the hub publishes upcoming events.
    """
    tz = ZoneInfo(zone)
    for doc in docs:
        _write(site / "content" / doc.rel, hugo_markdown(doc, groups, tz))
    for name, template in HUGO_TEMPLATES.items():
        _write(site / "layouts" / "_default" / name, template)
    config = {
        "baseURL": "/",
        "title": "Hugo",
        "languageCode": "zh-CN",
        "defaultContentLanguage": "zh",
        "hasCJKLanguage": True,
        "buildFuture": True,
        "timeZone": zone,
    }
    _write(site / "hugo.yaml", yaml.dump(config, Dumper=_Dumper, allow_unicode=True))
    return site
