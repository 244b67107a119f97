"""Every feed parses as a feed reader parses it: no bozo, right entries, absolute links,
zoned dates, and entry ids that survive the edits editors make."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import yaml
from feedcheck import ROOT, check_feed, feed_files, parsed

from qunzhi.feeds.catalogue import newest_entries
from qunzhi.feeds.entries import Entry

DEV_BASE = "http://localhost:8000/"
# The fixture hub, counted by hand from tests/hub/fixture/content (HUB_NOW 2016-02-01):
# published and dated: kai-chang; nian-hui, shalong; paoge-qungui v2016.10; 王建国 joined.
FIXTURE_COUNTS = {
    "feeds/all": 5,
    "feeds/transcripts": 1,
    "feeds/events": 2,
    "feeds/rules": 1,
    "feeds/joined": 1,
    "feeds/groups/paoge": 3,
    "feeds/groups/dushu": 1,
    "feeds/tags/she-qun-yun-ying": 1,
    "feeds/tags/du-shu": 1,
    "feeds/tags/xian-xia-huo-dong": 2,
    "feeds/members/wangjianguo": 3,  # hosted kai-chang and shalong, spoke at nian-hui
    "feeds/members/lixiaohong": 1,  # spoke in kai-chang
    "feeds/members/zhaolei": 2,  # quoted in kai-chang, hosted nian-hui
    "feeds/weekly": 3,  # 2015-W23 (a member joined), 2015-W53, 2016-W01; W05 is running
    "feeds/monthly": 2,  # 2015-06, 2016-01; February is running
    "feeds/groups/paoge/weekly": 2,
    "feeds/groups/paoge/monthly": 1,
}


def test_every_feed_of_the_fixture_hub_parses_with_the_right_entries(built):
    files = feed_files(built.output)
    expected = {f"{path}.{kind}.xml" for path in FIXTURE_COUNTS for kind in ("atom", "rss")}
    assert set(files) == expected  # no podcast: no transcript of the fixture has audio
    for path, data in files.items():
        feed = check_feed(data, DEV_BASE)
        assert feed.version == ("atom10" if path.endswith(".atom.xml") else "rss20")
        assert len(feed.entries) == FIXTURE_COUNTS[path.rsplit(".", 2)[0]], path


def test_atom_and_rss_of_a_feed_carry_the_same_entries_in_the_same_order(built):
    for path in FIXTURE_COUNTS:
        atom = parsed(built.output, f"{path}.atom.xml")
        rss = parsed(built.output, f"{path}.rss.xml")
        assert [e.id for e in atom.entries] == [e.id for e in rss.entries]
        assert [e.title for e in atom.entries] == [e.title for e in rss.entries]


def test_an_entry_carries_authors_tags_times_content_and_summary(built):
    feed = parsed(built.output, "feeds/transcripts.atom.xml")
    (entry,) = feed.entries
    assert entry.id == "tag:localhost,2016-01-03:transcripts/kai-chang"
    assert entry.title == "开场分享：社群的记忆"
    assert entry.link == DEV_BASE + "transcripts/kai-chang/"
    assert entry.published == "2016-01-03T20:00:00+08:00"
    assert entry.updated == "2016-01-03T20:00:00+08:00"
    assert [author.name for author in entry.authors] == ["王建国", "李小红", "访客甲"]
    assert entry.authors[0].href == DEV_BASE + "members/wangjianguo/"
    assert [tag.term for tag in entry.tags] == ["社群运营", "读书"]
    html = entry.content[0].value
    assert "社群的记忆" in html and f'href="{DEV_BASE}members/wangjianguo/"' in html
    assert "turn-link" not in html and ">#1</a>" not in html  # page navigation stays on the page
    assert entry.summary.startswith("王建国：大家好")
    rss = parsed(built.output, "feeds/transcripts.rss.xml").entries[0]
    assert rss.author_detail.name == "王建国" or rss.author == "王建国"  # dc:creator
    assert rss.summary == entry.summary and rss.content[0].value == html


def test_a_rule_set_entry_is_its_version_and_a_past_event_is_updated_when_it_ended(built):
    (rule,) = parsed(built.output, "feeds/rules.atom.xml").entries
    assert rule.id == "tag:localhost,2016-01-01:rules/paoge-qungui/v2016.10"
    assert rule.title == "炮哥有约群规（第 2016.10 版）"
    assert rule.content[0].value.startswith("<p>本版修订：增加第三条</p>")
    events = {e.title: e for e in parsed(built.output, "feeds/events.atom.xml").entries}
    assert events["年会回顾"].updated == "2016-01-10T17:00:00+08:00"  # the recap, after the end
    # upcoming (2016-03-12): announced, and dated, at the build's now, never in the future
    assert events["春季沙龙"].published == events["春季沙龙"].updated == "2016-02-01T12:00:00+08:00"
    assert [e.title for e in parsed(built.output, "feeds/joined.atom.xml").entries] == [
        "新成员：王建国"
    ]


def test_no_feed_and_no_entry_is_dated_after_the_builds_now(built):
    now = calendar.timegm((2016, 2, 1, 4, 0, 0))  # HUB_NOW 2016-02-01 12:00 +08:00
    for path, data in feed_files(built.output).items():
        feed = feedparser.parse(data)
        atom = path.endswith(".atom.xml")  # RSS items have no updated date
        dates = [feed.feed.updated_parsed]  # Atom <updated>, RSS <lastBuildDate>
        dates += [entry.published_parsed for entry in feed.entries]
        dates += [entry.updated_parsed for entry in feed.entries if atom]
        assert max(calendar.timegm(date) for date in dates) <= now, path
    rss = parsed(built.output, "feeds/events.rss.xml")
    assert rss.feed.updated == "Mon, 01 Feb 2016 12:00:00 +0800"  # lastBuildDate


def test_drafts_and_private_documents_and_members_are_in_no_feed(built):
    everything = b"".join(feed_files(built.output).values()).decode()
    for secret in ("草稿", "私人讨论", "秘密", "隐士甲", "隐身人", "yinshi", "cao-gao", "si-ren"):
        assert secret not in everything


def rebuilt_ids(site, qunzhi, *edits: tuple[str, str, str]) -> list[str]:
    for relative, old, new in edits:
        path = site.content / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert qunzhi(site, "build").code == 0
    return [entry.id for entry in parsed(site.output, "feeds/all.atom.xml").entries]


KAI_CHANG = "transcripts/2016/2016-01-03-kai-chang.md"


def test_entry_ids_survive_a_title_edit_and_a_slug_edit(site, qunzhi):
    before = rebuilt_ids(site, qunzhi)
    after = rebuilt_ids(
        site,
        qunzhi,
        (KAI_CHANG, "title: 开场分享：社群的记忆", "title: 开场分享：社群的记忆（修订）"),
        (KAI_CHANG, "platform: wechat", "platform: wechat\nslug: she-qun-ji-yi"),
        ("events/2016-01-10-nian-hui.md", "title: 年会回顾", "title: 2016 年会回顾"),
    )
    assert after == before
    entries = parsed(site.output, "feeds/all.atom.xml").entries
    moved = next(e for e in entries if e.id.endswith("transcripts/kai-chang"))
    assert moved.link == DEV_BASE + "transcripts/she-qun-ji-yi/"  # the link follows the slug


def test_a_renamed_file_keeps_its_ids_with_feed_id(site, qunzhi):
    before = rebuilt_ids(site, qunzhi)
    old = site.content / KAI_CHANG
    old.rename(old.with_name("2016-01-03-she-qun-ji-yi.md"))
    renamed = rebuilt_ids(site, qunzhi)
    assert "tag:localhost,2016-01-03:transcripts/she-qun-ji-yi" in renamed
    assert renamed != before  # a rename alone is a new entry: docs/content.md says so
    pinned = rebuilt_ids(
        site,
        qunzhi,
        (
            "transcripts/2016/2016-01-03-she-qun-ji-yi.md",
            "platform: wechat",
            "platform: wechat\nfeed_id: 2016-01-03-kai-chang",
        ),
    )
    assert pinned == before


def test_two_documents_with_one_entry_id_are_an_error_naming_both(site, qunzhi):
    site.write(
        "transcripts/2016/2016-01-03-other.md",
        "---\ntitle: 另一场\ndate: 2016-01-03 21:00\ngroup: paoge\n"
        "feed_id: kai-chang\n---\n正文。\n",
    )
    result = qunzhi(site, "build")
    assert result.code == 1
    assert (
        "2016-01-03-other.md:5: feed_id: expected a feed entry id no other document has, found "
        '"tag:localhost,2016-01-03:transcripts/kai-chang" (also '
    ) in result.err
    assert "set feed_id to tell them apart" in result.err
    checked = qunzhi(site, "check")  # an editor meets it before building
    assert checked.code == 1 and "feed_id: expected a feed entry id no other" in checked.err


def test_a_bad_feed_id_is_reported_like_every_other_key(site, qunzhi):
    site.write(
        "transcripts/2016/2016-01-04-x.md",
        "---\ntitle: 测试\ndate: 2016-01-04\ngroup: paoge\nfeed_id: 旧 名字\n---\n正文。\n",
    )
    result = qunzhi(site, "build")
    assert result.code == 1
    assert "2016-01-04-x.md:5: feed_id: expected a URL part without spaces" in result.err


def test_podcast_feed_has_enclosures_with_length_and_type_and_itunes_tags(site, qunzhi):
    site.write("images/talk.mp3", b"ID3" + b"\0" * 997)
    site.write(
        "transcripts/2016/2016-01-20-lu-yin.md",
        "---\ntitle: 有录音的一场\ndate: 2016-01-20 20:00\ngroup: dushu\nhost: 王建国\n"
        "audio: /images/talk.mp3\nduration: 1:05:00\n---\n老王：大家好。\n",
    )
    site.write(
        "transcripts/2016/2016-01-21-yuan-cheng.md",
        "---\ntitle: 远程录音\ndate: 2016-01-21 20:00\ngroup: dushu\n"
        "audio: https://media.example.org/a/b.m4a\n---\n正文。\n",
    )
    assert qunzhi(site, "build").code == 0
    rss = (site.output / "feeds/podcast.rss.xml").read_bytes()
    feed = check_feed(rss, DEV_BASE)
    assert [e.title for e in feed.entries] == ["远程录音", "有录音的一场"]
    remote, local = (e.enclosures[0] for e in feed.entries)
    assert (local.href, local.length, local.type) == (
        DEV_BASE + "images/talk.mp3",
        "1000",
        "audio/mpeg",
    )
    assert (remote.href, remote.length, remote.type) == (
        "https://media.example.org/a/b.m4a",
        "0",
        "audio/mp4",
    )
    assert feed.entries[1].itunes_duration == "3900"
    assert b"<itunes:explicit>no</itunes:explicit>" in rss
    assert b"<itunes:author>" in rss and b"<itunes:category " in rss
    atom = parsed(site.output, "feeds/podcast.atom.xml")
    assert any(link.rel == "enclosure" for link in atom.entries[1].links)


def demo_expected() -> dict[str, int]:
    """Counts from the demo's front matter, read with plain YAML, not with the hub."""
    counts = {"transcripts": 0, "events": 0, "rules": 0, "joined": 0}
    for path in (ROOT / "content").rglob("*.md"):
        folder = path.relative_to(ROOT / "content").parts[0]
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if front.get("status", "published") != "published":
            continue
        if folder in ("transcripts", "events") or (folder == "rules" and "effective" in front):
            counts[folder] += 1
        elif folder == "members" and "joined" in front:
            counts["joined"] += 1
    return counts


def test_every_feed_of_the_demo_hub_parses_with_the_right_entries(demo):
    files = feed_files(demo)
    assert len(files) > 40
    for data in files.values():
        check_feed(data, "https://hub.example.org/")
    expected = demo_expected()
    for kind, count in expected.items():
        assert len(parsed(demo, f"feeds/{kind}.atom.xml").entries) == min(count, 20), kind
    assert len(parsed(demo, "feeds/all.rss.xml").entries) == min(sum(expected.values()), 20)
    assert parsed(demo, "feeds/all.atom.xml").entries[0].id.startswith("tag:hub.example.org,")


def test_feed_files_are_named_in_the_sitemap_of_no_one_and_pelican_writes_none(demo):
    assert not list(demo.glob("feeds/*.xml.gz"))
    assert not (demo / "feeds" / "all.atom.xml").read_bytes().count(b"<entry>") > 20
    assert not [p for p in Path(demo).rglob("*.xml") if p.parent == demo and "feed" in p.name]


def test_a_kind_may_yield_ready_entries_like_a_digest_feed_will():
    zone = timezone(timedelta(hours=8))
    weeks = [
        Entry(
            f"tag:h.org,2016-01-{day:02d}:digests/w{day}",
            f"第{day}周",
            "http://h.org/d/",
            datetime(2016, 1, day, tzinfo=zone),
            datetime(2016, 1, day, tzinfo=zone),
            "摘要",
        )
        for day in (4, 18, 11, 18)
    ]
    # a period listed twice, or two entries with one id, is one entry: no period repeats
    assert newest_entries(None, [*weeks, weeks[0]], 5) == [weeks[1], weeks[2], weeks[0]]
    assert newest_entries(None, weeks, 2) == [weeks[1], weeks[2]]


def test_member_and_tag_feeds_carry_summaries_and_links_by_default(built, qunzhi):
    def content_of(path: str) -> list[bool]:
        return [bool(entry.get("content")) for entry in parsed(built.output, path).entries]

    member, tag = "feeds/members/wangjianguo.atom.xml", "feeds/tags/xian-xia-huo-dong.atom.xml"
    assert content_of("feeds/groups/paoge.atom.xml") == [True] * 3
    for path in (member, tag):
        feed = parsed(built.output, path)
        assert content_of(path) == [False] * len(feed.entries)
        assert all(entry.summary and entry.link.startswith(DEV_BASE) for entry in feed.entries)
    with built.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_FEED_SUMMARIES = []\n")
    assert qunzhi(built, "build").code == 0
    assert content_of(member) == [True] * 3 and content_of(tag) == [True] * 2


def test_a_feed_past_its_size_keeps_its_newest_entries(built, qunzhi):
    whole = [entry.id for entry in parsed(built.output, "feeds/all.atom.xml").entries]
    with built.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_FEED_MAX_BYTES = 2500\n")  # about two entries of the fixture
    assert qunzhi(built, "build").code == 0
    kept = [entry.id for entry in parsed(built.output, "feeds/all.atom.xml").entries]
    assert 1 <= len(kept) < len(whole) and kept == whole[: len(kept)]
    for path in (built.output / "feeds").rglob("*.atom.xml"):  # the newest always stays
        assert feedparser.parse(path.read_bytes()).entries, path
