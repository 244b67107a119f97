"""The weekly and monthly digest feeds as a reader gets them: one entry per ended period,
never a running one, never a period twice, nothing from drafts or private content, the
same bytes from the same content, and no digest feeds without the digests plugin."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml
from feedcheck import ROOT, check_feed, feed_files, parsed
from pelican.settings import read_settings
from test_discovery import alternates

from qunzhi.digests.archive import Digests
from qunzhi.digests.generator import build_digests
from qunzhi.feeds.catalogue import build_catalogue
from qunzhi.feeds.entries import EntryMaker
from qunzhi.hub.build import BUILD, Build
from qunzhi.hub.hub import load_hub
from qunzhi.hub.settings import check_settings

BASE = "https://hub.example.org/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
# The digests fixture, counted by hand from tests/digests/fixture/content (HUB_NOW
# 2016-02-26 12:00, Shanghai): 王建国 joined 2015-06-01 (2015-W23); W01: 社群运营入门,
# 年会 (paoge); W02: 李小红 joined, 深夜读书会 (dushu, Sunday 23:30); W03: 周一零点场
# (16:30 UTC Sunday = Monday 00:30), the rule set (paoge); W05: 二月分享 (paoge);
# W06 has only a private transcript; W08 (读书沙龙, dushu) is running; W09 has not begun.
DIGEST_COUNTS = {
    "feeds/weekly": ["2016-W05", "2016-W03", "2016-W02", "2016-W01", "2015-W23"],
    "feeds/monthly": ["2016-01", "2015-06"],  # February is running
    "feeds/groups/paoge/weekly": ["paoge/2016-W05", "paoge/2016-W03", "paoge/2016-W01"],
    "feeds/groups/paoge/monthly": ["paoge/2016-01"],
    "feeds/groups/dushu/weekly": ["dushu/2016-W02"],  # its W08 is running
    "feeds/groups/dushu/monthly": ["dushu/2016-01"],
}
SECRETS = [
    "草稿里的分享",  # a draft transcript of W01: its title, words and quote
    "火星基地",
    "草稿语录不该出现",
    "私密的讨论",  # a private transcript of W01
    "深海潜艇",
    "私密语录不该出现",
    "二月的私密讨论",  # the only document of W06
    "隐士甲",  # a private member who joined in W02
    "yinshi",
    "2016-W06",
    "2016/w06",
]


def with_feeds(site, more: str = "") -> None:
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write(f'\nPLUGINS = ["qunzhi.hub", "qunzhi.digests", "qunzhi.feeds"]\n{more}\n')


def build(site, qunzhi, *args: str) -> None:
    result = qunzhi(site, "build", *args)
    assert result.code == 0, result.err


@pytest.fixture
def digest_feeds_site(digest_site, qunzhi):
    with_feeds(digest_site)
    build(digest_site, qunzhi)
    return digest_site


def ids_of(feed) -> list[str]:
    return [entry.id.rsplit(":digests/", 1)[1] for entry in feed.entries]


def test_one_entry_per_ended_period_in_atom_and_rss(digest_feeds_site):
    output = digest_feeds_site.output
    for path, periods in DIGEST_COUNTS.items():
        for kind in ("atom", "rss"):
            feed = check_feed((output / f"{path}.{kind}.xml").read_bytes(), BASE)
            assert ids_of(feed) == periods, (path, kind)
            assert all(entry.get("content") for entry in feed.entries), path
    assert not (output / "feeds/groups/dushu.atom.xml").read_text().count("digests/")


def test_a_week_entry_id_link_times_summary_content_and_topics(digest_feeds_site):
    feed = parsed(digest_feeds_site.output, "feeds/weekly.atom.xml")
    assert feed.feed.title == "摘要测试群：周报"
    assert feed.feed.link == BASE + "digests/"
    entry = next(e for e in feed.entries if e.id.endswith("2016-W02"))
    assert entry.id == "tag:hub.example.org,2016-01-11:digests/2016-W02"
    assert entry.title == "2016年第2周周报"
    assert entry.link == BASE + "digests/2016/w02/"
    assert entry.published == entry.updated == "2016-01-17T23:59:59+08:00"  # Sunday's last second
    assert entry.summary == "编辑写的本周摘要。"  # the editor's note's summary
    assert [author.name for author in entry.authors] == ["摘要测试群"]
    html = entry.content[0].value
    assert "深夜读书会：慢读" in html and f'href="{BASE}transcripts/shen-ye-du-shu/"' in html
    assert "李小红" in html  # joined that week
    assert entry.tags and all(tag.scheme is None for tag in entry.tags)  # topics, not tags
    month = parsed(digest_feeds_site.output, "feeds/monthly.rss.xml").entries[0]
    assert month.id == "tag:hub.example.org,2016-01-01:digests/2016-01"
    assert month.published == "Sun, 31 Jan 2016 23:59:59 +0800"


def test_digest_archives_and_pages_link_their_feeds(digest_feeds_site):
    feeds = BASE + "feeds/"
    expected = {
        "digests/": ["all", "weekly", "monthly"],
        "digests/2016/w02/": ["all", "weekly", "monthly"],
        "digests/2016/01/": ["all", "monthly", "weekly"],  # the page's kind first
        "groups/paoge/digests/": [
            "all",
            "groups/paoge/weekly",
            "groups/paoge/monthly",
            "groups/paoge",
        ],
        "groups/dushu/digests/2016/01/": ["all", "groups/dushu/monthly", "groups/dushu/weekly"],
    }
    for url, paths in expected.items():
        links = alternates(digest_feeds_site.page(url))
        assert links == [
            (kind, f"{feeds}{path}.{kind}.xml") for path in paths for kind in ("atom", "rss")
        ], url


def test_a_running_period_is_absent_until_it_has_ended(digest_site, qunzhi):
    with_feeds(digest_site)
    build(digest_site, qunzhi)
    before = parsed(digest_site.output, "feeds/groups/dushu/weekly.atom.xml")
    assert (digest_site.output / "digests/2016/w08/index.html").is_file()  # its page exists
    assert "2016-W08" not in {entry.id for entry in before.entries}
    with digest_site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_NOW = "2016-03-01 00:00"\n')  # W08 and February are over
    build(digest_site, qunzhi)
    after = parsed(digest_site.output, "feeds/groups/dushu/weekly.atom.xml")
    assert ids_of(after) == ["dushu/2016-W08", "dushu/2016-W02"]
    assert ids_of(parsed(digest_site.output, "feeds/monthly.atom.xml"))[0] == "2016-02"
    # a period already in the feed is the same entry: no reader sees it twice
    old = {entry.id: entry for entry in before.entries}
    for entry in after.entries:
        if entry.id in old:
            assert (entry.published, entry.updated, entry.title) == (
                old[entry.id].published,
                old[entry.id].updated,
                old[entry.id].title,
            )
            assert entry.content[0].value == old[entry.id].content[0].value


def test_drafts_and_private_content_never_reach_a_digest_feed(digest_feeds_site):
    feeds = feed_files(digest_feeds_site.output)
    digest_feeds = {
        path: data for path, data in feeds.items() if path.endswith(("ly.atom.xml", "ly.rss.xml"))
    }
    assert len(digest_feeds) == 2 * len(DIGEST_COUNTS)
    leaks = [
        (path, s) for path, data in digest_feeds.items() for s in SECRETS if s.encode() in data
    ]
    assert leaks == []


def test_two_builds_write_the_same_bytes(digest_site, qunzhi):
    with_feeds(digest_site)
    build(digest_site, qunzhi)
    first = feed_files(digest_site.output)
    build(digest_site, qunzhi, "--output", str(digest_site.root / "again"))
    assert feed_files(digest_site.root / "again") == first


def test_the_digest_feeds_pass_the_strict_validator(digest_feeds_site):
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "scripts"))
        from validate_feeds import validate
    results = validate(digest_feeds_site.output)
    assert "feeds/groups/paoge/monthly.rss.xml" in results
    assert {path: problems for path, problems in results.items() if problems} == {}


def test_summary_only_feeds_carry_no_digest_body(digest_site, qunzhi):
    with_feeds(digest_site, 'HUB_FEED_CONTENT = "summary"')
    build(digest_site, qunzhi)
    feed = parsed(digest_site.output, "feeds/weekly.atom.xml")
    assert len(feed.entries) == 5 and not any(entry.get("content") for entry in feed.entries)


def test_hub_feed_items_keeps_the_newest_periods(digest_site, qunzhi):
    with_feeds(digest_site, "HUB_FEED_ITEMS = 2")
    build(digest_site, qunzhi)
    assert ids_of(parsed(digest_site.output, "feeds/weekly.rss.xml")) == ["2016-W05", "2016-W03"]


def test_without_the_digests_plugin_or_in_hub_feeds_there_is_no_digest_feed(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nPLUGINS = ["qunzhi.hub", "qunzhi.feeds"]\n')
    build(site, qunzhi)
    assert (site.output / "feeds/all.atom.xml").is_file()
    assert not list(site.output.glob("feeds/**/*ly.atom.xml"))
    assert "周报" not in site.page("feeds/")
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write(
            '\nPLUGINS = ["qunzhi.hub", "qunzhi.digests", "qunzhi.feeds"]\n'
            'HUB_FEEDS = ["all", "monthly"]\n'
        )
    build(site, qunzhi)
    written = {path.rsplit(".", 2)[0] for path in feed_files(site.output)}
    assert written == {"feeds/all", "feeds/monthly", "feeds/groups/paoge/monthly"}
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write(
            '\nHUB_FEEDS = ["all", "weekly", "monthly"]\nHUB_DIGEST_PERIODS = ["week"]\n'
        )
    build(site, qunzhi)
    written = {path.rsplit(".", 2)[0] for path in feed_files(site.output)}
    assert written == {"feeds/all", "feeds/weekly", "feeds/groups/paoge/weekly"}


def test_the_plugins_order_does_not_matter(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nPLUGINS = ["qunzhi.hub", "qunzhi.feeds", "qunzhi.digests"]\n')
    build(site, qunzhi)
    assert len(parsed(site.output, "feeds/weekly.atom.xml").entries) == 3


def test_digests_are_made_once_and_a_feed_is_added_once(digest_site):
    """Both receivers of all_generators_finalized ask for the digests: one object; a
    second ``add_digests`` adds nothing, so no feed, and no period, is listed twice."""
    settings = read_settings(str(digest_site.settings), override={"PATH": str(digest_site.content)})
    check_settings(settings)
    build = Build.start(settings)
    hub = load_hub(settings, build.diagnostics, build.store)
    context = {"hub": hub, BUILD: build}
    made = build_digests(context)
    assert isinstance(made, Digests) and build_digests(context) is made
    catalogue = build_catalogue(hub, EntryMaker(settings, BASE, hub.now), ["weekly"], 20)
    assert catalogue.feeds == []  # the digest kinds wait for the digests
    catalogue.add_digests(made)
    catalogue.add_digests(made)
    paths = [feed.info.path for feed in catalogue.feeds]
    assert paths == ["feeds/weekly", "feeds/groups/paoge/weekly", "feeds/groups/dushu/weekly"]
    ids = [entry.id for entry in catalogue.get("weekly").entries]
    assert len(ids) == len(set(ids)) == 5


def demo_periods() -> tuple[set[str], set[str]]:
    """Ended weeks and months of the demo at its SOURCE_DATE_EPOCH (2026-08-01 08:00 in
    Shanghai), from the front matter read with plain YAML, not with the hub."""
    now = datetime(2026, 8, 1, 8, tzinfo=SHANGHAI)
    weeks, months = set(), set()
    for path in (ROOT / "content").rglob("*.md"):
        folder = path.relative_to(ROOT / "content").parts[0]
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if front.get("status", "published") != "published":
            continue
        keys = {"transcripts": "date", "events": "date", "members": "joined", "rules": "effective"}
        value = front.get(keys.get(folder, "-")) or (
            front.get("date") if folder == "rules" else None
        )
        if value is None:
            continue
        day = value if isinstance(value, date) and not isinstance(value, datetime) else None
        if day is None:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
            day = (
                (moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment)
                .astimezone(SHANGHAI)
                .date()
            )
        monday = day - timedelta(days=day.weekday())
        if datetime.combine(monday + timedelta(days=7), datetime.min.time(), SHANGHAI) <= now:
            year, week, _ = day.isocalendar()
            weeks.add(f"{year}-W{week:02d}")
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        if datetime.combine(following, datetime.min.time(), SHANGHAI) <= now:
            months.add(f"{day.year}-{day.month:02d}")
    return weeks, months


def test_the_demo_hub_digest_feeds(demo):
    weeks, months = demo_periods()
    assert len(weeks) > 10 and len(months) > 10
    for kind, periods in (("weekly", weeks), ("monthly", months)):
        for ext in ("atom", "rss"):
            feed = check_feed((demo / f"feeds/{kind}.{ext}.xml").read_bytes(), BASE)
            assert ids_of(feed) == sorted(periods, reverse=True)[:20], (kind, ext)
            assert all(entry.get("content") for entry in feed.entries)
    html = (demo / "digests/index.html").read_text(encoding="utf-8")
    assert f'href="{BASE}feeds/weekly.atom.xml"' in html
    assert f'href="{BASE}feeds/monthly.rss.xml"' in html
