"""Issue 14 in the built files: share cards, descriptions, JSON-LD, going on reading,
pictures, calendars per event, robots.txt, sitemap dates, icons and traditional passages."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
from pelican.settings import read_settings
from PIL import Image, ImageChops, ImageStat

from qunzhi.hub.background import Background
from qunzhi.hub.cards import Card, CardMaker
from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.hub import load_hub
from qunzhi.hub.output import OutputFiles
from qunzhi.hub.reading import Neighbours
from qunzhi.hub.settings import check_settings
from qunzhi.hub.sharing import json_ld, trail

SUBTITLE_FREE = "测试群志"  # the fixture has no SITESUBTITLE: a page's own text, not this


def ld(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    return [json.loads(text) for text in found]


def meta(html: str, name: str) -> str:
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', html)
    assert match, name
    return match.group(1)


def test_each_kind_of_page_has_a_card_of_the_declared_size(built):
    for page in ("transcripts/kai-chang/", "events/shalong/", "members/wangjianguo/", ""):
        html = built.page(page)
        image = meta(html, "og:image")
        assert image == f"/{page}card.png"
        assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
        with Image.open(built.output / page / "card.png") as card:
            assert (card.format, card.size) == ("PNG", (1200, 630))
    digests = sorted((built.output / "digests").rglob("card.png"))
    assert digests, "no digest has a card"
    with Image.open(digests[0]) as card:
        assert card.size == (1200, 630)


def test_cards_are_drawn_the_same_and_kept_when_unchanged(built, qunzhi):
    maker = CardMaker({"PATH": str(built.content)})
    card = Card("x/card.png", "分享实录", "开场分享：社群的记忆", ("2016年1月3日", "测试群志"))
    assert maker.draw(card) == maker.draw(card)
    kept = built.output / "transcripts/kai-chang/card.png"
    before = kept.stat().st_mtime_ns
    built.write(
        "events/2016-01-10-nian-hui.md",
        built.content.joinpath("events/2016-01-10-nian-hui.md").read_text(encoding="utf-8")
        + "\n又补了一句。\n",
    )
    assert qunzhi(built, "build").code == 0
    assert kept.stat().st_mtime_ns == before


def test_a_card_is_a_small_palette_png_that_looks_like_its_full_colour_drawing(built):
    maker = CardMaker({"PATH": str(built.content)})
    card = Card("x/card.png", "分享实录", "记忆不是存档，是一群人一起回头看", ("测试群志",))
    drawn = maker.image(card)
    with Image.open(io.BytesIO(maker.draw(card))) as saved:
        assert saved.mode == "P"
        shown = saved.convert("RGB")
    # every pixel within a few levels of the drawing: no ink lost to the palette
    difference = ImageChops.difference(drawn, shown).convert("L")
    assert difference.getextrema()[1] < 40
    assert ImageStat.Stat(difference).mean[0] < 1.0
    buffer = io.BytesIO()
    drawn.save(buffer, "PNG", compress_level=1)
    assert len(maker.draw(card)) < len(buffer.getvalue()) / 2


class CardWriter:
    """The part of the build's output writer that cards use: output files staged in
    ``folder``, with no earlier build to keep anything from."""

    def __init__(self, folder: Path) -> None:
        (folder / "staging").mkdir(parents=True)
        self.files = OutputFiles(folder / "output", folder / "staging", folder / "manifest.json")

    def write_bytes(self, path: str, data: bytes, memo: str = "") -> None:
        self.files.put(path, data, memo=memo)


def test_many_cards_are_drawn_in_the_background_and_put_when_the_build_finishes(built, tmp_path):
    maker = CardMaker({"PATH": str(built.content)})
    cards = [Card(f"c/{n}/card.png", "分享实录", f"第{n}次分享：社群的记忆") for n in range(70)]
    writer, background = CardWriter(tmp_path / "one"), Background()
    maker.write_all(writer, cards, 2, background)
    assert writer.files.files == {}  # still drawing while the build goes on
    background.finish()
    # the workers wrote them into staging; the build recorded them, memo keys included
    assert list(writer.files.files) == [card.path for card in cards]
    assert writer.files.staged == {card.path for card in cards}
    for card in (cards[0], cards[69]):
        assert (writer.files.staging / card.path).read_bytes() == maker.draw(card)
        assert writer.files.memos[card.path] == maker.memo(card)
    cancelled, background = CardWriter(tmp_path / "two"), Background()
    maker.write_all(cancelled, cards, 2, background)
    background.close()  # a failed build: nothing is recorded
    assert cancelled.files.files == {}


def test_a_missing_card_font_is_one_line_naming_the_setting(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_CARD_FONT = "fonts/none.ttf"\n')
    result = qunzhi(site, "build")
    assert result.code == 2
    assert result.lines[-1:] == [
        "qunzhi: HUB_CARD_FONT: expected a font file (.ttf, .otf or .ttc), found "
        '"fonts/none.ttf", which does not exist'
    ]


def test_pages_describe_themselves(built):
    transcript = built.page("transcripts/kai-chang")
    assert meta(transcript, "description") == meta(transcript, "og:description")
    assert meta(transcript, "twitter:description") == meta(transcript, "description")
    assert meta(transcript, "og:type") == "article"
    assert meta(built.page("groups/dushu"), "description") == "每周一本书"
    tag = built.page("tags/du-shu")
    assert "读书" in meta(tag, "description")
    for page in ("transcripts/kai-chang", "groups/dushu", "tags/du-shu", "members", "search"):
        assert meta(built.page(page), "description") != SUBTITLE_FREE, page


def test_json_ld_has_the_right_type_and_breadcrumbs(built):
    types = {
        "transcripts/kai-chang": "DiscussionForumPosting",
        "events/shalong": "Event",
        "members/wangjianguo": "Person",
    }
    for page, kind in types.items():
        found = {item["@type"]: item for item in ld(built.page(page))}
        assert kind in found, page
        crumbs = [e["name"] for e in found["BreadcrumbList"]["itemListElement"]]
        assert crumbs[0] == "首页" and len(crumbs) == 3
    event = {item["@type"]: item for item in ld(built.page("events/shalong"))}["Event"]
    assert event["startDate"] == "2016-03-12T19:00:00+08:00"
    assert event["location"]["@type"] == "VirtualLocation"  # location: online
    archive = {item["@type"]: item for item in ld(built.page("archives/2016/01"))}
    names = [e["name"] for e in archive["BreadcrumbList"]["itemListElement"]]
    assert names == ["首页", "归档", "2016年", "2016年1月"]


def test_json_ld_cannot_be_closed_by_content():
    text = str(json_ld({"name": "</script><script>alert(1)</script>"}))
    assert text.count("</script>") == 1
    assert json.loads(text.split(">", 1)[1].rsplit("<", 1)[0])["name"].startswith("</script>")


def test_trail_of_a_paged_list():
    assert trail("tags/du-shu/page/2/", "读书") == [
        ("首页", ""),
        ("标签", "tags/"),
        ("读书", "tags/du-shu/"),
        ("第2页", "tags/du-shu/page/2/"),
    ]


def test_going_on_stays_in_group_and_type_and_skips_drafts(built):
    html = built.page("events/nian-hui")
    # 年会 (paoge) has no other published paoge event: no previous or next
    assert 'rel="next"' not in html.split("<main", 1)[1]
    transcript = built.page("transcripts/kai-chang")
    for secret in ("cao-gao", "si-ren", "草稿中的分享", "私人讨论"):
        assert secret not in transcript
    related = re.findall(r'<section class="related".*?</section>', transcript, re.DOTALL)
    if related:
        assert "kai-chang" not in related[0]
    assert re.search(r"<dt>阅读</dt><dd>约 \d+ 分钟</dd>", transcript)


def test_previous_and_next_link_the_group_s_transcripts_by_date(site, qunzhi):
    for day, slug in (("2016-01-20", "hou-lai-yi"), ("2016-01-25", "hou-lai-er")):
        site.write(
            f"transcripts/{day}-{slug}.md",
            f"---\ntitle: 后来的分享{slug}\ndate: {day} 20:00\ngroup: paoge\nhost: 老王\n"
            "tags: [读书]\n---\n老王：又来了。\n",
        )
    assert qunzhi(site, "build").code == 0
    middle = site.page("transcripts/hou-lai-yi")
    assert 'rel="prev" href="/transcripts/kai-chang/"' in middle
    assert 'rel="next" href="/transcripts/hou-lai-er/"' in middle
    first = site.page("transcripts/kai-chang")
    assert 'rel="prev"' not in first.split("<main", 1)[1]
    last = site.page("transcripts/hou-lai-er")
    related = re.search(r'<section class="related".*?</section>', last, re.DOTALL).group(0)
    # shares 老王 and 读书 with 开场分享; the previous one is linked above, not again
    assert "/transcripts/kai-chang/" in related
    assert "/transcripts/hou-lai-yi/" not in related


def test_related_documents_tied_on_score_and_date_come_in_one_order(site):
    """Ties used to follow the order a set of features was visited in, which changes
    from one process to the next: two builds of the same content differed."""
    documents = {
        "2016-02-01-mu-biao": ("风筝的做法", "[手工]", "老周"),
        "2016-02-02-jia": ("另一场", "[手工]", "阿梅"),  # the tag: 3
        "2016-02-02-yi": ("风筝", "[]", "老周"),  # the host and a word: 2 + 1
    }
    for name, (title, tags, host) in documents.items():
        site.write(
            f"transcripts/2016/{name}.md",
            f"---\ntitle: {title}\ndate: 2016-02-02 20:00\ngroup: paoge\nhost: {host}\n"
            f"tags: {tags}\n---\n{host}：聊一聊。\n",
        )
    settings = read_settings(str(site.settings), override={"PATH": str(site.content)})
    check_settings(settings)
    hub = load_hub(settings, Diagnostics())
    neighbours = Neighbours(hub)
    target = next(doc for doc in hub.published if doc.slug == "mu-biao")
    orders = []
    for backwards in (False, True):  # the features visited one way, then the other
        features = neighbours.features[id(target)]
        neighbours.features[id(target)] = sorted(features, reverse=backwards)  # type: ignore[assignment]
        orders.append([doc.slug for doc in neighbours.related(target, [])][:2])
        neighbours.features[id(target)] = features
    assert orders[0] == orders[1] == ["jia", "yi"]


def test_pictures_get_their_size_lazy_loading_and_smaller_copies(site, qunzhi):
    photo = io.BytesIO()
    Image.new("RGB", (2400, 1600), "#7a9").save(photo, "JPEG", quality=90)
    site.write("images/photo.jpg", photo.getvalue())
    site.write(
        "pages/photos.md",
        "---\ntitle: 照片\n---\n"
        + "很长的一段开头。" * 100
        + "\n\n![年会合影](/images/photo.jpg)\n",
    )
    assert qunzhi(site, "build").code == 0
    html = site.page("photos")
    tag = re.search(r"<img [^>]*>", html).group(0)
    assert 'width="2400"' in tag and 'height="1600"' in tag
    assert 'loading="lazy"' in tag
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    assert srcset == (
        "/images/photo.480w.webp 480w, /images/photo.960w.webp 960w, "
        "/images/photo.1440w.webp 1440w, /images/photo.jpg 2400w"
    )
    assert 'sizes="' in tag
    for width in (480, 960, 1440):
        copy = site.output / f"images/photo.{width}w.webp"
        with Image.open(copy) as picture:
            assert (picture.format, picture.size) == ("WEBP", (width, width * 2 // 3))
        assert copy.stat().st_size < (site.output / "images/photo.jpg").stat().st_size


def test_each_upcoming_event_has_its_own_calendar(built):
    html = built.page("events/shalong")
    assert 'href="/events/shalong/event.ics"' in html
    calendar = icalendar.Calendar.from_ical(
        (built.output / "events/shalong/event.ics").read_bytes()
    )
    events = list(calendar.walk("VEVENT"))
    assert [str(event["summary"]) for event in events] == ["春季沙龙"]
    assert not (built.output / "events/nian-hui/event.ics").exists()  # over: no calendar
    assert "events.ics" in html  # the site calendar is still offered


def test_robots_sitemap_dates_and_icons(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nSITEURL = "https://hub.example.org"\n')
    assert qunzhi(site, "build").code == 0
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://hub.example.org/sitemap.xml" in robots.splitlines()
    urls = ET.parse(site.output / "sitemap.xml").getroot()
    space = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    entries = urls.findall(f"{space}url")
    assert entries and all(entry.find(f"{space}lastmod") is not None for entry in entries)
    manifest = json.loads((site.output / "site.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "测试群志"
    for icon in manifest["icons"]:
        path = icon["src"].removeprefix("https://hub.example.org/")
        with Image.open(site.output / path) as picture:
            assert f"{picture.width}x{picture.height}" == icon["sizes"]
    html = site.page("")
    assert '<link rel="apple-touch-icon"' in html and '<meta name="theme-color"' in html
    assert re.search(r'href="https://hub.example.org/theme/css/hub.css\?v=[0-9a-f]{10}"', html)


def test_traditional_passages_are_marked(site, qunzhi):
    site.write(
        "pages/fan-ti.md",
        "---\ntitle: 繁體\n---\n這是一段用繁體字寫的說明，讀者會看到。\n\n这是一段简体字的说明。\n",
    )
    assert qunzhi(site, "build").code == 0
    html = site.page("fan-ti")
    assert '<p lang="zh-Hant">這是一段用繁體字寫的說明，讀者會看到。</p>' in html
    assert "<p>这是一段简体字的说明。</p>" in html


def test_machine_times_have_at_most_milliseconds(built):
    for path in (built.output / "digests").rglob("index.html"):
        times = re.findall(r'datetime="([^"]+)"', path.read_text(encoding="utf-8"))
        assert all(not re.search(r"\.\d{4,}", value) for value in times), path


def test_feeds_get_absolute_picture_copies_and_no_permalinks():
    from qunzhi.feeds.links import absolute_html

    html = absolute_html(
        '<p><img src="/images/a.jpg" srcset="/images/a.480w.webp 480w, /images/a.jpg 2400w">'
        '<a class="copy-link quote-link" href="#quote-1">链接</a></p>',
        "https://hub.example.org/transcripts/x/",
    )
    assert (
        'srcset="https://hub.example.org/images/a.480w.webp 480w, '
        'https://hub.example.org/images/a.jpg 2400w"' in html
    )
    assert "quote-link" not in html
