"""Write a deterministic synthetic Qunzhi hub of N documents, for build benchmarks.

The same Markdown is fed to Qunzhi, plain Pelican and Hugo, so the corpus follows the
content contract (docs in /work/shared/CONTENT_SPEC.md) closely enough to exercise every
feature (turns, quotes, upcoming events, rules, drafts) at realistic sizes. The same N
and seed always give byte-identical output, so timings are comparable between runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import runpy
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import corpus_words as cw
import yaml

HUB_NOW = dt.datetime(2026, 6, 30, 12, 0)
FIRST_DAY = dt.date(2023, 7, 1)
REPO = Path(__file__).resolve().parents[1]
THEME = REPO / "theme"
PLATFORMS = ("wechat", "qq", "wechat", "offline")
ROLES = ("guest",) * 2 + ("member",) * 20
START_TIMES = ("20:00", "20:00", "20:30", "21:00", "19:30", "14:00", "10:00")
EVENT_TIMES = ("19:00", "19:30", "14:00", "14:30", "10:00")
SLUG_WORDS = ("notes", "talk", "qa", "chat", "intro", "basics", "tips", "story", "review", "dive")
EVENT_SLUG_WORDS = ("salon", "meetup", "workshop", "online", "party")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """yaml.safe_dump's representer on libyaml's emitter (~7x faster than PyYAML's),
    without anchors: editors never write `&id001`, even when two keys share a date."""

    def ignore_aliases(self, data: object) -> bool:
        return True


class UsageError(Exception):
    """A bad command line: reported in one line, exit status 2."""


class Counts(NamedTuple):
    """How many documents of each type: members + transcripts + events + rules + pages = N."""

    members: int
    transcripts: int
    events: int
    upcoming: int
    rules: int
    pages: int
    drafts: int
    private: int

    @property
    def total(self) -> int:
        return self.members + self.transcripts + self.events + self.rules + self.pages


def plan_counts(n: int, groups: int) -> Counts:
    """Split N into ~3% members, ~15% events, a rule set per group, 2 pages, transcripts."""
    members = max(8, groups, round(0.03 * n))
    rest = n - members - groups - 2
    if rest < 2:
        raise UsageError(f"N must be at least {n - rest + 2} with {groups} groups, got {n}")
    events = min(rest - 1, max(1, round(0.15 * n)))
    transcripts = rest - events
    upcoming = max(1, min(20, round(0.02 * events)))
    big = transcripts >= 3
    drafts = max(1, round(0.02 * transcripts)) if big else 0
    private = max(1, round(0.01 * transcripts)) if big else 0
    return Counts(members, transcripts, events, upcoming, groups, 2, drafts, private)


@dataclass(eq=False)
class Member:
    """A member and the names other documents may use for them."""

    id: str
    name: str
    aliases: list[str]
    role: str = "member"

    def ref(self, rng: random.Random) -> str:
        """A member reference as editors write it: mostly names, some aliases and ids."""
        roll = rng.random()
        if roll < 0.5:
            return self.name
        return rng.choice(self.aliases) if roll < 0.85 else self.id


@dataclass
class Group:
    """A group declared in HUB_GROUPS, with its topics and people."""

    id: str
    name: str
    platform: str
    topics: list[cw.Topic]
    members: list[Member] = field(default_factory=list)
    pool: list[Member] = field(default_factory=list)  # members first, then everyone else
    cum: list[float] = field(default_factory=list)  # Zipf weights over pool
    editors: list[Member] = field(default_factory=list)  # owner and admins


class Corpus:
    """One generation run: the seeded generator, the cast, and the files written."""

    def __init__(self, out: Path, n: int, seed: int, groups: int, progress: bool) -> None:
        self.out, self.n, self.progress = out, n, progress
        self.counts = plan_counts(n, groups)
        self.rng = random.Random(seed)
        self.text = cw.Babbler(self.rng)
        self.slugs: dict[str, int] = {}
        self.written = 0
        self.bytes = 0
        self._dirs: set[Path] = set()
        self.members = self._make_members()
        self.groups = self._make_groups(groups)

    def _make_members(self) -> list[Member]:
        """Members with unique names first, then aliases that clash with nothing."""
        rng, text, taken = self.rng, self.text, {cw.name_key(w) for w in cw.RESERVED}
        ids = [f"m{index:04d}" for index in range(1, self.counts.members + 1)]
        taken.update(ids)
        members = [Member(i, text.person_name(taken), [], rng.choice(ROLES)) for i in ids]
        for member in members:
            member.aliases = [
                text.alias(member.name, taken) for _ in range(rng.choice((1, 1, 2, 3)))
            ]
        return members

    def _make_groups(self, count: int) -> list[Group]:
        rng, bases = self.rng, cw.GROUP_NAMES
        groups = []
        for index in range(count):
            name = bases[index % len(bases)]
            if index >= len(bases):
                name += f"{index // len(bases) + 1}群"
            topic = cw.TOPICS[index % len(cw.TOPICS)]
            others = rng.sample([t for t in cw.TOPICS if t is not topic], rng.randint(1, 3))
            platform = PLATFORMS[index % len(PLATFORMS)]
            groups.append(Group(f"g{index + 1:02d}", name, platform, [topic, *others]))
        for index, member in enumerate(self.members):
            homes = [groups[index]] if index < count else rng.sample(groups, min(2, count))
            if index < count:
                member.role = "owner"
            elif index < 3 * count and rng.random() < 0.5:
                member.role = "admin"
            for group in homes:
                group.members.append(member)
        # Zipf-like activity: a few members do most of the talking in every group.
        for group in groups:
            group.members[1:] = rng.sample(group.members[1:], len(group.members) - 1)
            inside = {m.id for m in group.members}
            group.pool = group.members + [m for m in self.members if m.id not in inside]
            group.cum = cw.zipf_cum(len(group.pool), 0.8)
            group.editors = [m for m in group.members if m.role in ("owner", "admin")]
        return groups

    def _cast(self, group: Group, k: int) -> list[Member]:
        """k distinct members, preferring the group's most active ones."""
        chosen: list[Member] = []
        for member in self.rng.choices(group.pool, cum_weights=group.cum, k=3 * k):
            if member not in chosen:
                chosen.append(member)
        chosen += itertools.islice((m for m in group.pool if m not in chosen), k)
        return chosen[:k]

    def _slug(self, base: str) -> str:
        count = self.slugs.get(base, 0) + 1
        self.slugs[base] = count
        return base if count == 1 else f"{base}-{count}"

    def _when(self, start: dt.date, days: int, times: Sequence[str]) -> dt.datetime:
        day = start + dt.timedelta(days=self.rng.randrange(days))
        hour, minute = map(int, self.rng.choice(times).split(":"))
        return dt.datetime(day.year, day.month, day.day, hour, minute)

    def write(self, rel: str, meta: dict, body: str) -> None:
        """Write one document: YAML front matter from the safe dumper, then Markdown."""
        head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
        data = f"---\n{head}---\n\n{body.rstrip()}\n".encode()
        path = self.out / "content" / rel
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        path.write_bytes(data)
        self.written += 1
        self.bytes += len(data)
        if self.progress and self.written % 250 == 0:
            print(f"\r{self.written}/{self.n}", end="", file=sys.stderr, flush=True)

    def run(self) -> None:
        """Write every document and the settings file."""
        for member in self.members:
            self.member(member)
        for group in self.groups:
            self.rules(group)
        self.pages()
        counts = self.counts
        upcoming = set(self.rng.sample(range(counts.events), counts.upcoming))
        for index in range(counts.events):
            self.event(index in upcoming)
        hidden = self.rng.sample(range(counts.transcripts), counts.drafts + counts.private)
        status = dict.fromkeys(hidden[: counts.drafts], "draft")
        status.update(dict.fromkeys(hidden[counts.drafts :], "private"))
        for index in range(counts.transcripts):
            self.transcript(status.get(index))
        self.settings()
        if self.progress:
            print(f"\r{self.written} documents, {self.bytes / 1e6:.1f} MB", file=sys.stderr)

    def settings(self) -> None:
        groups = {g.id: {"name": g.name, "platform": g.platform} for g in self.groups}
        values = {
            "SITENAME": f"合成社区 {self.n}",
            "SITEURL": "",
            "TIMEZONE": "Asia/Shanghai",
            "DEFAULT_LANG": "zh-CN",
            "PATH": "content",
            "OUTPUT_PATH": "output",
            "CACHE_PATH": ".qunzhi-cache",
            "THEME": str(THEME),
            "PLUGINS": demo_plugins(),
            "HUB_GROUPS": groups,
            "HUB_NOW": f"{HUB_NOW:%Y-%m-%d %H:%M}",
        }
        doc = '"""Settings of a synthetic hub written by scripts/gen_corpus.py."""\n\n'
        doc += "".join(f"{key} = {value!r}\n" for key, value in values.items())
        (self.out / "pelicanconf.py").write_text(doc, encoding="utf-8")

    def member(self, member: Member) -> None:
        rng = self.rng
        topics = rng.sample(cw.TOPICS, 2)
        self.text.focus(*topics)
        joined = FIRST_DAY - dt.timedelta(days=400) + dt.timedelta(days=rng.randrange(1460))
        org, job = rng.choice(cw.ORGS), rng.choice(cw.JOBS)
        meta: dict = {"name": member.name, "aliases": member.aliases, "role": member.role}
        meta |= {"org": org, "title": job, "joined": joined}
        if rng.random() < 0.3:
            meta["links"] = {"博客": f"https://example.org/~{member.id}"}
        intro = f"{member.name}，{org}，{job}，平时关注{topics[0].zh}和{topics[1].zh}。"
        self.write(f"members/{member.id}.md", meta, intro + self.text.sentences(2, 6))

    def rules(self, group: Group) -> None:
        rng = self.rng
        versions = rng.randint(1, 4)
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(200))
        history = []
        for number in range(1, versions + 1):
            note = "初版" if number == 1 else rng.choice(cw.RULE_NOTES[1:])
            history.insert(0, {"version": str(number), "date": day, "note": note})
            day += dt.timedelta(days=rng.randint(60, 300))
        meta = {"title": f"{group.name}群规", "group": group.id, "version": str(versions)}
        meta |= {"effective": history[0]["date"], "history": history}
        picked = rng.sample(cw.RULES, rng.randint(8, 12))
        items = "\n".join(f"{i}. {rule}" for i, rule in enumerate(picked, 1))
        intro = f"为了让{group.name}保持高质量的交流，请每位成员阅读并遵守以下群规。"
        self.write(f"rules/{self._slug(f'{group.id}-rules')}.md", meta, f"{intro}\n\n{items}")

    def pages(self) -> None:
        names = "、".join(g.name for g in self.groups[:5])
        about = f"这是一个合成的示例社区，包括{names}等群。本站收录分享实录、活动和群规。"
        join = "欢迎加入！请先阅读群规，然后联系任意一位管理员。\n\n入群后请修改群昵称。"
        self.write("pages/about.md", {"title": "关于我们", "slug": "about"}, about)
        self.write("pages/join.md", {"title": "加入我们", "slug": "join"}, join)

    def _topic(self) -> tuple[Group, cw.Topic]:
        group = self.rng.choice(self.groups)
        main = self.rng.choices(group.topics, cum_weights=cw.zipf_cum(len(group.topics)))[0]
        self.text.focus(main, self.rng.choice(cw.TOPICS))
        return group, main

    def event(self, upcoming: bool) -> None:
        rng, text = self.rng, self.text
        group, topic = self._topic()
        if upcoming:
            start = self._when(HUB_NOW.date() + dt.timedelta(days=1), 90, EVENT_TIMES)
        else:
            start = self._when(FIRST_DAY, (HUB_NOW.date() - FIRST_DAY).days, EVENT_TIMES)
        end = start + dt.timedelta(minutes=rng.choice((90, 120, 150, 180, 240)))
        host, *speakers = self._cast(group, rng.randint(2, 4))
        slug = self._slug(f"{topic.key}-{rng.choice(EVENT_SLUG_WORDS)}")
        capacity = rng.choice((20, 30, 30, 40, 50, 80, 100, 200))
        title = text.fill("x")
        online = "线上" in title or ("线下" not in title and rng.random() < 0.35)
        location = "online" if online else f"{rng.choice(cw.CITIES)}·{rng.choice(cw.VENUES)}"
        meta: dict = {"title": title, "date": f"{start:%Y-%m-%d %H:%M}"}
        meta |= {"end": f"{end:%Y-%m-%d %H:%M}", "location": location}
        meta |= {"host": host.ref(rng), "speakers": [s.ref(rng) for s in speakers]}
        meta |= {"group": group.id, "tags": self.text.tags(topic), "capacity": capacity}
        if not upcoming:
            meta["attendees"] = rng.randint(capacity // 3, capacity)
        signup = f"https://example.org/signup/{slug}"
        meta["signup"] = signup
        step = dt.timedelta(minutes=(end - start).seconds // 240 // 15 * 15)
        agenda = ["签到与自我介绍", f"主题分享（{speakers[0].name}）", "圆桌讨论", "自由交流"]
        lines = [f"- {start + i * step:%H:%M} {item}" for i, item in enumerate(agenda)]
        parts = [text.sentences(2, 4), "## 议程", "\n".join(lines), "## 嘉宾"]
        parts += [f"{speakers[0].name}：{text.sentences(1, 2)}", text.quote(speakers[0].ref(rng))]
        if upcoming:
            parts += ["## 报名", f"名额有限（限{capacity}人），请通过[报名链接]({signup})报名。"]
        else:
            parts += ["## 回顾", *(text.sentences(2, 5) for _ in range(rng.randint(2, 4)))]
        self.write(f"events/{start:%Y}/{start:%Y-%m-%d}-{slug}.md", meta, "\n\n".join(parts))

    def transcript(self, status: str | None) -> None:
        rng, text = self.rng, self.text
        group, topic = self._topic()
        start = self._when(FIRST_DAY, (HUB_NOW.date() - FIRST_DAY).days, START_TIMES)
        host, *cast = self._cast(group, rng.randint(5, 10))
        split = rng.randint(1, 3)
        speakers, others = cast[:split], cast[split:] or [host]
        editor = rng.choice(group.editors)
        slug = self._slug(f"{topic.key}-{rng.choice(SLUG_WORDS)}")
        meta: dict = {"title": text.fill("t"), "date": f"{start:%Y-%m-%d %H:%M}"}
        meta |= {"group": group.id, "host": host.ref(rng)}
        meta |= {"speakers": [s.ref(rng) for s in speakers], "platform": group.platform}
        meta |= {"tags": self.text.tags(topic), "summary": text.sentences(1, 2)}
        meta["editor"] = editor.ref(rng)
        if rng.random() < 0.3:
            minutes = rng.randint(40, 150)
            meta["duration"] = f"{minutes // 60:02d}:{minutes % 60:02d}:00"
        if rng.random() < 0.1:
            meta["audio"] = f"https://example.org/audio/{slug}.mp3"
        meta |= {"status": status} if status else {}
        target = min(20_000, max(2_000, rng.lognormvariate(8.7, 0.5)))
        body = self._conversation(start, host, speakers, others, target)
        self.write(f"transcripts/{start:%Y}/{start:%Y-%m-%d}-{slug}.md", meta, body)

    def _conversation(self, start: dt.datetime, host: Member, speakers, others, target) -> str:
        """A transcript body of about `target` bytes: sections of turns, quotes and notes."""
        rng, text, paras = self.rng, self.text, []
        clock, size = start.hour * 60 + start.minute, 0
        roll = rng.random()
        stamps = "" if roll < 0.4 else "time" if roll < 0.9 else "day"

        def add(para: str) -> None:
            nonlocal size
            paras.append(para)
            size += len(para.encode()) + 2

        def turn(who: Member, said: str) -> None:
            nonlocal clock
            stamp = ""
            if stamps:
                clock += rng.randrange(6)
                days, minutes = divmod(clock, 1440)
                stamp = f"[{minutes // 60:02d}:{minutes % 60:02d}] "
                if stamps == "day":
                    stamp = f"[{start + dt.timedelta(days=days):%Y-%m-%d} {stamp[1:]}"
            add(f"{stamp}{who.ref(rng)}{'：' if rng.random() < 0.85 else ': '}{said}")

        sections, names = rng.random() < 0.85, "、".join(s.name for s in speakers)
        if sections:
            add("## 开场")
        if rng.random() < 0.3:
            add("注意：本文根据聊天记录整理，略有删节，观点仅代表发言者本人。")
        turn(host, f"大家好，今天请到{names}，和大家聊聊{text.fill('t')}。")
        for _ in range(rng.randint(0, 3)):
            turn(rng.choice(others), text.take("i"))
        turn(host, text.sentences(1, 3))
        if sections:
            add("## 主题分享")
        while size < 0.65 * target:
            speaker = rng.choice(speakers) if rng.random() < 0.85 else host
            turn(speaker, text.sentences(1, 5))
            roll = rng.random()
            if roll < 0.25:
                add(text.sentences(2, 5))
            elif roll < 0.35:
                add(text.quote(speaker.ref(rng) if rng.random() < 0.5 else None))
            elif roll < 0.37:
                add(f"{rng.choice(('举例', '注意', '补充'))}：{text.sentences(1, 2)}")
        if sections:
            add("## 问答环节")
        while size < target:
            turn(rng.choice(others), text.fill("q"))
            if rng.random() < 0.3:
                turn(rng.choice(others), text.take("i"))
            turn(rng.choice(speakers), text.sentences(1, 4))
        turn(host, f"今天就到这里，感谢{names}的分享！")
        return "\n\n".join(paras)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _Parser(
        prog="gen_corpus.py",
        description="Write a deterministic synthetic Qunzhi hub of N documents into OUT: "
        "OUT/content/{members,transcripts,events,rules,pages}/ and OUT/pelicanconf.py. "
        "About 3% members, 15% events (a few upcoming), one rule set per group, "
        "2 pages, and transcripts for the rest (2% drafts, 1% private).",
        epilog="Same N, seed and groups give byte-identical output. "
        "Exit status: 0 on success, 2 on bad arguments.",
    )
    parser.add_argument("n", metavar="N", type=int, help="number of documents, at least 12 + K")
    parser.add_argument("out", metavar="OUT", type=Path, help="output folder, empty or new")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--groups", metavar="K", type=int, default=4, help="number of groups, 1-99 (default: 4)"
    )
    parser.add_argument(
        "--force", action="store_true", help="write into a non-empty OUT, deleting OUT/content/"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.groups <= 99:
        raise UsageError(f"--groups: expected 1 to 99, got {args.groups}")
    plan_counts(args.n, args.groups)
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"OUT is not a folder: {args.out}")
    if args.force and (args.out / ".git").exists():
        raise UsageError(
            f"OUT holds a git repository, --force would delete its content/: {args.out}"
        )
    if args.out.is_dir() and any(args.out.iterdir()) and not args.force:
        raise UsageError(f"OUT is not empty: {args.out} (use --force to replace its content/)")
    return args


def demo_plugins() -> list[str]:
    """The demo hub's plugins, so that a benchmark builds every feature the demo has."""
    settings = runpy.run_path(str(REPO / "pelicanconf.py"))
    return list(settings["PLUGINS"])


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    try:
        args = parse_args(argv)
    except UsageError as error:
        print(f"gen_corpus.py: error: {error}", file=sys.stderr)
        return 2
    if (args.out / "content").exists():
        shutil.rmtree(args.out / "content")
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(args.out, args.n, args.seed, args.groups, sys.stderr.isatty())
    corpus.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
