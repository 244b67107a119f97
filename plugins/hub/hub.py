"""The whole hub of one build: documents read, linked and gathered for the pages.

Reading and checking happen here, once, for ``qunzhi check``, ``qunzhi build``
and ``pelican content`` alike. Only published documents reach the lists.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup

from .conversations import Conversations
from .documents import LISTED_TYPES, TYPES, DigestNote, Doc, Event, Member, RuleSet, Transcript
from .errors import Diagnostics, display_path
from .frontmatter import front_matter_step
from .markdowncache import Source, markdown_step
from .members import Directory, Person, name_key
from .progress import Progress
from .reader import content_files, read_document
from .render import Renderer, plain_text, shallow_nested_items, shorten
from .schema import ROLES, Context
from .settings import build_now, site_zone
from .store import BuildStore, Step
from .transcript import converse, hidden_in_names, impossible_time, lay_out
from .values import ZERO_WIDTH, pinyin_slug, zero_width_message
from .withheld import withheld

RESERVED = frozenset(
    {*TYPES, "groups", "tags", "archives", "search", "feeds", "theme", "images", "api"}
    | {"index.html", "404.html", "events.ics", "sitemap.xml", "robots.txt", "favicon.ico"}
    | {"card.png", "site.webmanifest", "apple-touch-icon.png"}
)


@dataclass(eq=False)
class Group:
    id: str
    name: str
    platform: str = ""
    description: str = ""
    docs: list[Doc] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"groups/{self.id}/"


@dataclass(eq=False)
class Tag:
    name: str
    slug: str = ""
    docs: list[Doc] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"tags/{self.slug}/"


@dataclass
class Hub:
    """Everything the pages of a build are made from; lists are computed once."""

    settings: dict[str, Any]
    now: datetime
    docs: list[Doc]
    directory: Directory
    groups: dict[str, Group]
    file_count: int = 0
    # what this build reads of earlier builds (and keeps, when it is a build's store)
    store: BuildStore = field(default_factory=lambda: BuildStore(None), repr=False)
    tags: list[Tag] = field(default_factory=list)
    # paths below images/ that only drafts and private documents use: not published
    withheld_images: set[str] = field(default_factory=set)
    # every page written in this build, URL to last-modified date: the sitemap's source
    written: dict[str, str | None] = field(default_factory=dict)
    _by_folder: dict[str, list[Doc]] = field(default_factory=dict, repr=False)
    _fragments: dict[tuple[Any, ...], str] = field(default_factory=dict, repr=False)

    def remember(self, *key: Any, caller: Callable[[], str]) -> str:
        """``{% call hub.remember(...) %}``: a template fragment made once per build for
        ``key``, which must name all it depends on (a document's list item is on its
        type's, group's, tags', archives' and people's pages)."""
        made = self._fragments.get(key)
        if made is None:
            made = self._fragments[key] = caller()
        return made

    @cached_property
    def published(self) -> list[Doc]:
        return [doc for doc in self.docs if doc.published]

    def of_type(self, folder: str) -> list[Doc]:
        """Published documents of one top folder, newest first (every page's footer asks)."""
        if folder not in self._by_folder:
            docs = (doc for doc in self.published if doc.type.folder == folder)
            self._by_folder[folder] = newest_first(docs)
        return self._by_folder[folder]

    @cached_property
    def members(self) -> list[Member]:
        members = [doc for doc in self.published if isinstance(doc, Member)]
        return sorted(members, key=lambda m: (ROLES.index(m.role), m.id))

    @cached_property
    def upcoming(self) -> list[Event]:
        events = [doc for doc in self.published if isinstance(doc, Event) and doc.upcoming]
        return sorted(events, key=lambda event: event.date)

    @cached_property
    def recent(self) -> list[Doc]:
        """Dated published documents, newest first, upcoming events left out."""
        listed = (
            doc
            for doc in self.published
            if doc.type.folder in LISTED_TYPES and not (isinstance(doc, Event) and doc.upcoming)
        )
        return newest_first(listed)

    def next_change(self) -> datetime:
        """When the same content could first make a different site: a document's date or an
        event's end passing (lists, feeds), or else the next midnight (digest periods end at
        midnights)."""
        zone = self.now.tzinfo
        midnight = datetime.combine(self.now.date() + timedelta(days=1), time(), zone)
        instants = [midnight]
        for doc in self.docs:
            for value in (doc.date, getattr(doc, "end", None)):
                if isinstance(value, datetime):
                    instants += [value, value + timedelta(days=1)]  # whole-day events
        return min(instant for instant in instants if instant > self.now)

    @cached_property
    def digest_notes(self) -> list[DigestNote]:
        return [doc for doc in self.published if isinstance(doc, DigestNote)]

    def archives(self) -> dict[int, dict[int, list[Doc]]]:
        """Dated published documents by year and month, newest first."""
        years: dict[int, dict[int, list[Doc]]] = defaultdict(lambda: defaultdict(list))
        for doc in self.recent + self.upcoming:
            if doc.date is not None:
                years[doc.date.year][doc.date.month].append(doc)
        return {
            year: {
                month: newest_first(docs) for month, docs in sorted(months.items(), reverse=True)
            }
            for year, months in sorted(years.items(), reverse=True)
        }


def newest_first(docs: Any) -> list[Any]:
    """Dated documents newest first, then undated ones; ties by slug, for stable pages."""
    return sorted(docs, key=lambda d: (d.date is not None, d.date or 0, d.slug), reverse=True)


def load_hub(
    settings: dict[str, Any], diagnostics: Diagnostics, store: BuildStore | None = None
) -> Hub:
    """Read, check, link and render every document under PATH, with the results ``store``
    keeps (default: the hub's store, read only: ``qunzhi check`` keeps nothing)."""
    zone = site_zone(settings)
    group_settings = settings.get("HUB_GROUPS") or {}
    context = Context(zone=zone, groups=tuple(group_settings))
    files = list(content_files(Path(settings["PATH"]), diagnostics))
    progress = Progress("群志：读取", len(files))
    store = store or BuildStore.of(settings, writable=False)
    fronts = front_matter_step(store)
    docs = []
    for done, (folder, path) in enumerate(files, 1):
        doc = read_document(path, folder, context, diagnostics, fronts)
        if doc is not None:
            docs.append(doc)
        progress.step(done)
    progress.close()
    directory = Directory([doc for doc in docs if isinstance(doc, Member)], diagnostics)
    groups = {
        group_id: Group(group_id, **{key: str(value) for key, value in group.items()})
        for group_id, group in group_settings.items()
    }
    hub = Hub(
        settings, build_now(settings), docs, directory, groups, file_count=len(files), store=store
    )
    for doc in docs:
        _link(doc, hub, diagnostics)
    cache = markdown_step(store, settings)
    kept = Conversations(settings, directory, cache, store)
    layouts = {
        id(doc): _lay_out(doc, hub)
        for doc in docs
        if isinstance(doc, Transcript | Event) and not kept.restore(doc)
    }
    renderer = Renderer(settings, cache)
    sources = _markdown_sources([doc for doc in docs if kept.found(doc) is None], layouts)
    renderer.prepare(sources, int(settings["HUB_JOBS"]))
    progress = Progress("群志：排版", len(docs))
    for done, doc in enumerate(docs, 1):
        _render(doc, hub, renderer, diagnostics, kept, layouts.get(id(doc)))
        progress.step(done)
    progress.close()
    hub.withheld_images = withheld(docs)
    _check_urls(hub.published, diagnostics)
    _check_highlights(hub, diagnostics)
    _gather(hub, store.step("tag-slugs", code=["qunzhi.hub.values"]))
    return hub


def _link(doc: Doc, hub: Hub, diagnostics: Diagnostics) -> None:
    """Resolve member references and the group; warn on unknown members."""
    source = str(doc.source)

    def resolve(key: str, written: str) -> Person:
        person = hub.directory.resolve(written, source, doc.line(key), key, diagnostics)
        if person.member is not None and not person.public and doc.published:
            diagnostics.warn(
                source,
                doc.line(key),
                key,
                f'expected a published member, found "{written}", whose profile is '
                f"{person.member.status}; the name is shown as written, without a link",
            )
        return person

    if "editor" in doc.meta:
        doc.editor = resolve("editor", doc.meta["editor"])
    if isinstance(doc, Transcript | Event):
        if "host" in doc.meta:
            doc.host = resolve("host", doc.meta["host"])
        unique: dict[str, Person] = {}  # 老王 and 王建国 are one speaker
        for name in doc.meta.get("speakers", []):
            person = resolve("speakers", name)
            unique.setdefault(person.key, person)
        doc.speakers = list(unique.values())
    if "group" in doc.meta:
        doc.group = hub.groups[doc.meta["group"]]
    elif doc.type.grouped and len(hub.groups) == 1:
        doc.group = next(iter(hub.groups.values()))  # one group: everything is its
    if isinstance(doc, Event) and doc.when is not None:
        # upcoming until it is over: a whole-day event lasts the day, others their end
        end = doc.end or (doc.date if doc.when.has_time else doc.date + timedelta(days=1))
        doc.upcoming = end > hub.now


class Laid(NamedTuple):
    """A body laid out, and the names that took looking up in the member directory."""

    layout: Any
    names: set[str]


def _lay_out(doc: Transcript | Event, hub: Hub) -> Laid:
    """The body's blocks, speakers resolved; an event body has quotes but no turns."""
    turn_speaker = _turn_speaker(doc, hub.directory) if isinstance(doc, Transcript) else None
    with hub.directory.recorded() as names:
        layout = lay_out(
            doc.body,
            doc.body_line,
            turn_speaker or (lambda name: None),
            _member_speaker(hub.directory),
        )
    return Laid(layout, names)


def _markdown_sources(docs: list[Doc], layouts: dict[int, Laid]) -> list[Source]:
    """The Markdown texts the rendering of ``docs`` will convert, for converting ahead."""
    sources: list[Source] = []
    for doc in docs:
        if id(doc) in layouts:
            sources.append(("prose", Renderer.joined(layouts[id(doc)].layout.chunks)))
        else:
            sources.append(("rules" if isinstance(doc, RuleSet) else "prose", doc.body))
    return sources


def _render(
    doc: Doc,
    hub: Hub,
    renderer: Renderer,
    diagnostics: Diagnostics,
    kept: Conversations,
    laid: Laid | None = None,
) -> None:
    siteurl = str(hub.settings.get("SITEURL") or "")
    limit = int(hub.settings["HUB_SUMMARY_LENGTH"])
    if isinstance(doc, Transcript | Event):
        conversation = kept.found(doc)
        if conversation is None:
            laid = laid or _lay_out(doc, hub)
            day = doc.when.written if doc.when else None
            conversation = converse(laid.layout, renderer, day, siteurl)
            kept.keep(doc, Renderer.joined(laid.layout.chunks), conversation, laid.names)
        doc.quotes = conversation.quotes
        doc.content = conversation.html  # quotes marked and attributed, events' too
    if isinstance(doc, Transcript):
        doc.turns, doc.sections = conversation.turns, conversation.sections
        _check_turns(doc, hub, diagnostics)
        doc.speaker_stats = conversation.speaker_stats()
        derived = " ".join(
            f"{turn.person.name}：{plain_text(''.join(turn.parts))}" for turn in doc.turns[:3]
        )
    elif isinstance(doc, RuleSet):
        doc.content, doc.rule_count = renderer.rules(doc.body)
        if not doc.rule_count:
            diagnostics.error(
                str(doc.source),
                doc.body_line,
                "body",
                "expected an ordered list of rules (1. …, 2. …), found none",
            )
        derived = plain_text(doc.content)
    elif isinstance(doc, Event):
        derived = plain_text(doc.content)
    else:
        doc.content = renderer.html(doc.body)
        derived = plain_text(doc.content)
    doc.content = Markup(doc.content)  # rendered HTML; templates escape everything else
    doc.summary = doc.meta.get("summary") or shorten(derived, limit)
    for line, indent in shallow_nested_items(doc.body, doc.body_line):
        diagnostics.warn(
            str(doc.source),
            line,
            "body",
            f"expected a nested list item indented 4 spaces, found {indent}; "
            "it would not be nested",
        )


def _check_turns(doc: Transcript, hub: Hub, diagnostics: Diagnostics) -> None:
    """A transcript with no turn, a turn at a time no clock shows, a name with hidden
    characters: each said with its line."""
    source = str(doc.source)
    if not doc.turns and doc.body.strip():
        diagnostics.warn(
            source,
            doc.body_line,
            "body",
            "expected turns that begin NAME: (a member, the host or a speaker), found none; "
            "the whole body is shown as one text",
        )
    for turn in doc.turns:
        if turn.time and impossible_time(turn.time):
            diagnostics.error(
                source,
                turn.line,
                "time",
                f'expected a time like [20:31] or [2016-01-01 20:31], found "[{turn.time}]"',
            )
    for line, written in hidden_in_names(
        doc.body, doc.body_line, _turn_speaker(doc, hub.directory)
    ):
        diagnostics.warn(
            source,
            line,
            "body",
            zero_width_message(written, "a speaker name"),
        )


def _turn_speaker(doc: Transcript, directory: Directory) -> Callable[[str], Person | None]:
    """Who may open a turn: members, and the host and speakers as written (zero-width
    characters pasted from a chat app left out)."""
    named = {name_key(person.written): person for person in [doc.host, *doc.speakers] if person}
    member = _member_speaker(directory)

    def speaker(written: str) -> Person | None:
        written = ZERO_WIDTH.sub("", written)
        return member(written) or named.get(name_key(written))

    return speaker


def _member_speaker(directory: Directory) -> Callable[[str], Person | None]:
    """A member by id, name or alias, or None: who a ``—— NAME`` quote can credit."""

    def speaker(written: str) -> Person | None:
        person = directory.person(written)
        return person if person.member is not None else None

    return speaker


def _check_urls(docs: list[Doc], diagnostics: Diagnostics) -> None:
    """Two published documents at one URL would overwrite each other: name both."""
    owners: dict[str, Doc] = {}
    for doc in sorted(docs, key=lambda d: str(d.source)):
        key = "slug" if "slug" in doc.meta else "file"
        if doc.type.folder == "pages" and doc.slug.casefold() in RESERVED:
            diagnostics.error(
                str(doc.source),
                doc.line(key),
                key,
                f'expected a page slug the hub does not use itself, found "{doc.slug}"',
            )
            continue
        owner = owners.setdefault(doc.url.casefold(), doc)  # one folder on macOS and Windows
        if owner is not doc:
            diagnostics.error(
                str(doc.source),
                doc.line(key),
                key,
                f'expected a URL no other document uses, found "/{doc.url}" '
                f"(also used by {display_path(owner.source)}); set a different slug",
            )


def _check_highlights(hub: Hub, diagnostics: Diagnostics) -> None:
    """A digest note may only feature published documents, named by slug."""
    slugs = {doc.slug for doc in hub.published if doc.type.folder in LISTED_TYPES}
    for note in hub.digest_notes:
        for slug in note.meta.get("highlights", []):
            if slug not in slugs:
                diagnostics.warn(
                    str(note.source),
                    note.line("highlights"),
                    "highlights",
                    f'expected the slug of a published transcript, event or rule, found "{slug}"',
                )


def _gather(hub: Hub, slugs: Step) -> None:
    """Tags, groups and member activity, from published documents only."""
    tags: dict[str, Tag] = {}
    published = newest_first(hub.published)
    for doc in published:
        doc.tags = [tags.setdefault(name, Tag(name)) for name in doc.meta.get("tags", [])]
        for tag in doc.tags:
            tag.docs.append(doc)
        if doc.group is not None:
            doc.group.docs.append(doc)
    _tag_slugs(tags, slugs)
    hub.tags = sorted(tags.values(), key=lambda tag: (-len(tag.docs), tag.slug))
    for doc in published:
        _credit(doc)


def _tag_slugs(tags: dict[str, Tag], slugs: Step) -> None:
    """Pinyin slugs. Tags that share one (读书/独书): the tag used first keeps the bare
    slug, so adding a new tag never moves an old tag's URL; later ones get a suffix
    made from their name."""
    by_slug: dict[str, list[Tag]] = defaultdict(list)
    for tag in tags.values():
        slug = slugs.get(tag.name)
        if slug is None:  # pinyin's dictionaries take a while to load: kept by tag name
            slug = pinyin_slug(tag.name) or "tag"
            slugs.put(tag.name, slug)
        by_slug[slug].append(tag)
    for slug, sharing in by_slug.items():
        sharing.sort(key=lambda tag: (_first_use(tag), tag.name))
        sharing[0].slug = slug
        for tag in sharing[1:]:
            tag.slug = f"{slug}-{hashlib.sha1(tag.name.encode()).hexdigest()[:6]}"


def _first_use(tag: Tag) -> str:
    dates = [doc.date.isoformat() for doc in tag.docs if doc.date is not None]
    return min(dates, default="9999")


def _credit(doc: Doc) -> None:
    """Add a published document to the pages of the public members it names."""
    if doc.editor is not None and doc.editor.public:
        doc.editor.member.edited.append(doc)
    if isinstance(doc, Transcript):
        if doc.host is not None and doc.host.public:
            doc.host.member.hosted.append(doc)
        counts = {person.key: count for person, count, _ in doc.speaker_stats}
        people = {person.key: person for person, _, _ in doc.speaker_stats}
        people.update({person.key: person for person in doc.speakers})
        for key, person in people.items():
            if person.public:
                person.member.spoke.append((doc, counts.get(key, 0)))
    if isinstance(doc, Event):
        roles = [(doc.host, "主持")] if doc.host else []
        roles += [(person, "嘉宾") for person in doc.speakers]
        credited: set[str] = set()
        for person, role in roles:
            if person.public and person.key not in credited:
                credited.add(person.key)
                person.member.events.append((doc, role))
                if role == "主持":
                    person.member.hosted.append(doc)
    for quote in doc.quotes if isinstance(doc, Transcript | Event) else []:
        if quote.person is not None and quote.person.public:
            quote.person.member.quotes.append((doc, quote))
