"""The fixture hub builds every page type, with the right content on each."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

import icalendar

from qunzhi.hub.filters import asset

EXPECTED_PAGES = [
    "index.html",
    "404.html",
    "events.ics",
    "transcripts/index.html",
    "transcripts/kai-chang/index.html",
    "events/index.html",
    "events/nian-hui/index.html",
    "events/shalong/index.html",
    "rules/index.html",
    "rules/paoge-qungui/index.html",
    "members/index.html",
    "members/wangjianguo/index.html",
    "members/lixiaohong/index.html",
    "members/zhaolei/index.html",
    "groups/index.html",
    "groups/paoge/index.html",
    "groups/dushu/index.html",
    "tags/index.html",
    "tags/she-qun-yun-ying/index.html",
    "tags/du-shu/index.html",
    "tags/xian-xia-huo-dong/index.html",
    "archives/index.html",
    "archives/2016/index.html",
    "archives/2016/01/index.html",
    "archives/2016/03/index.html",
    "about/index.html",
    "images/logo.png",
    "theme/css/hub.css",
]


class Elements(HTMLParser):
    """Start tags with their attributes, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def having(self, tag: str, **attributes: str) -> list[dict[str, str | None]]:
        return [
            attrs
            for name, attrs in self.tags
            if name == tag
            and all(
                (attrs.get(key.rstrip("_")) or "").split().count(value)
                or attrs.get(key.rstrip("_")) == value
                for key, value in attributes.items()
            )
        ]


def test_every_page_type_and_index_exists(built):
    files = built.all_output()
    missing = [page for page in EXPECTED_PAGES if page not in files]
    assert missing == []


def test_transcript_turns_have_speakers_anchors_and_times(built):
    html = built.page("transcripts/kai-chang")
    turns = Elements(html).having("div", class_="turn")
    assert [turn["data-speaker"] for turn in turns] == [
        "wangjianguo",  # 老王: an alias, full-width colon, time stamp
        "lixiaohong",  # 李小红: a name, ASCII colon
        "访客甲",  # a speaker who is not a member: the name as written
        "lixiaohong",  # Hong: a Latin alias
    ]
    assert [turn["id"] for turn in turns] == ["turn-1", "turn-2", "turn-3", "turn-4"]
    assert '<time class="turn-time" datetime="2016-01-03T20:01:00+08:00">20:01</time>' in html
    assert 'href="/members/wangjianguo/">王建国</a>' in html


def test_continuation_and_false_colons_stay_in_the_turn(built):
    html = built.page("transcripts/kai-chang")
    first, second, _, fourth = re.findall(
        r'<div class="turn" id="turn-\d+".*?</div></div>', html, flags=re.DOTALL
    )
    assert "今天的主题是社群的记忆" in first
    assert "注意：下面这段是我的个人看法" in second
    assert "举例：这一行不是发言" in fourth
    assert "注意" not in "".join(re.findall(r'data-speaker="([^"]*)"', html))


def test_sections_and_speaker_table(built):
    html = built.page("transcripts/kai-chang")
    assert '<h2 id="section-1">开场</h2>' in html
    assert '<h2 id="section-2">问答环节</h2>' in html
    rows = re.findall(r'<tr data-speaker="([^"]+)"><th scope="row">.*?</th><td>(\d+)</td>', html)
    assert rows == [("lixiaohong", "2"), ("wangjianguo", "1"), ("访客甲", "1")]


def test_quotes_are_attributed_to_turn_or_named_speaker(built):
    html = built.page("transcripts/kai-chang")
    quotes = Elements(html).having("blockquote", class_="quote")
    assert [quote["data-speaker"] for quote in quotes] == ["lixiaohong", "zhaolei"]
    # the attribution line becomes the quote's footer, linked, not text of the quote
    assert '<footer>—— <a class="quote-speaker" href="/members/zhaolei/">赵磊</a> <span' in html
    assert "—— 赵磊</p>" not in html
    # each quote has its own anchor and a permalink to it; its quote card is drawn by the
    # reader's browser (quote-card.js, on pages with quotes only), not a file of the site
    assert [quote["id"] for quote in quotes] == ["quote-1", "quote-2"]
    assert '<a class="copy-link quote-link" href="#quote-2">链接</a>' in html
    assert "/theme/js/quote-card.js?v=" in html
    assert not list(built.output.rglob("quote-*.png"))
    assert (built.output / "transcripts/kai-chang/card.png").is_file()
    pages = {page: page.read_text("utf-8") for page in built.output.rglob("*.html")}
    scripted = {page for page, text in pages.items() if "quote-card.js" in text}
    quoted = {
        page
        for page, text in pages.items()
        if page.parent.parent.name == "transcripts" and '<blockquote class="quote" id=' in text
    }
    assert scripted == quoted
    assert len(scripted) < len(pages)


def test_member_page_gathers_hosting_turns_quotes_and_events(built):
    wang = built.page("members/wangjianguo")
    assert 'href="/transcripts/kai-chang/"' in wang
    assert 'href="/events/nian-hui/"' in wang  # spoke at (speaker)
    assert 'href="/events/shalong/"' in wang  # hosted, upcoming
    assert "明年见" in wang  # quote from the event recap
    hong = built.page("members/lixiaohong")
    assert re.search(r'data-turns="2">发言 2 段', hong)
    assert "群聊是会流走的河" in hong
    zhao = built.page("members/zhaolei")
    assert "记下来，才算发生过" in zhao
    assert "zhaolei@example.org" in zhao  # public_contact: true
    assert "hong-secret-123" not in hong  # contact without public_contact


def test_events_upcoming_and_recap(built):
    assert "即将举行" in built.page("events/shalong")
    assert "报名参加" in built.page("events/shalong")
    recap = built.page("events/nian-hui")
    assert "活动回顾" in recap and "25 人" in recap
    home = built.page("")
    upcoming = home.split('id="upcoming-title"')[1].split("</section>")[0]
    assert "春季沙龙" in upcoming and "年会回顾" not in upcoming
    # first in the page, before the recent items (on a phone: at the top)
    assert home.index('id="upcoming-title"') < home.index('id="recent-title"')


def test_event_page_marks_and_attributes_its_quotes(built):
    """The contract's event quotes (``> …`` / ``> —— NAME``) are marked and credited on
    the event's own page as a transcript's are, linked to the member (issue 17)."""
    recap = built.page("events/nian-hui")
    assert re.search(
        r'<blockquote class="quote" id="quote-1" data-speaker="wangjianguo"><p>明年见。</p>'
        r'<footer>—— <a class="quote-speaker" href="/members/wangjianguo/">王建国</a> '
        r'<span class="quote-links"><a class="copy-link quote-link" href="#quote-1">链接</a>'
        r"</span></footer></blockquote>",
        recap,
    )
    assert "<p>—— 老王</p>" not in recap  # the attribution line is the footer, not text
    assert "<p>年会圆满结束。</p>" in recap


def test_events_ics_lists_only_upcoming_events(built):
    calendar = icalendar.Calendar.from_ical((built.output / "events.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(event["summary"]) for event in events] == ["春季沙龙"]
    start = events[0].decoded("dtstart")
    assert start.isoformat() == "2016-03-12T11:00:00+00:00"
    assert str(calendar["version"]) == "2.0"


def test_rules_are_numbered_with_stable_anchors_and_history(built):
    html = built.page("rules/paoge-qungui")
    assert re.findall(r'<li id="(rule-\d+)">', html) == ["rule-1", "rule-2", "rule-3"]
    assert "第 2016.10 版" in html  # the version as written, not the float 2016.1
    assert "首次发布" in html
    assert '<time datetime="2016-01-01">2016年1月1日</time>' in html


def test_indexes_list_their_documents(built):
    assert "开场分享：社群的记忆" in built.page("groups/paoge")
    assert "春季沙龙" in built.page("groups/dushu")
    assert "开场分享：社群的记忆" in built.page("tags/du-shu")
    assert "春季沙龙" in built.page("archives/2016/03")
    assert "年会回顾" not in built.page("archives/2016/03")
    members = built.page("members")
    assert members.index("王建国") < members.index("赵磊") < members.index("李小红")  # by role


def test_pages_are_chinese_and_self_contained(built):
    for name, data in built.all_output().items():
        if name.endswith(".html"):
            html = data.decode()
            assert '<html lang="zh-CN">' in html, name
            external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
            assert set(external) <= {"https://example.org/signup"}, name


def test_titles_are_escaped(site, qunzhi):
    site.write("pages/esc.md", '---\ntitle: A & <B> "C"\n---\n正文\n')
    assert qunzhi(site, "build").code == 0
    html = site.page("esc")
    assert '<h1 id="doc-title">A &amp; &lt;B&gt; &#34;C&#34;</h1>' in html
    assert "<B>" not in html


def test_speakers_named_twice_are_listed_once(site, qunzhi):
    site.write(
        "transcripts/2016-01-20-chong.md",
        "---\ntitle: 重名\ndate: 2016-01-20\ngroup: paoge\n"
        "speakers: [老王, 王建国, 小红]\n---\n老王：嗨\n",
    )
    assert qunzhi(site, "build").code == 0
    assert "嘉宾</dt><dd>" in site.page("transcripts/chong")
    people = site.page("transcripts/chong").split("嘉宾</dt><dd>")[1].split("</dd>")[0]
    assert people.count("王建国") == 1 and people.count("李小红") == 1


def test_whole_day_event_is_upcoming_on_its_day(site, qunzhi):
    site.write(
        "events/2016-02-01-jin-tian.md",
        "---\ntitle: 今天的集市\ndate: 2016-02-01\ngroup: paoge\n---\n",
    )
    assert qunzhi(site, "build").code == 0  # HUB_NOW is 2016-02-01 12:00
    assert "即将举行" in site.page("events/jin-tian")


def test_a_new_tag_with_the_same_pinyin_does_not_move_the_old_tag(site, qunzhi):
    site.write(
        "transcripts/2016-01-30-du.md",
        "---\ntitle: 独书\ndate: 2016-01-30\ngroup: paoge\ntags: [独书]\n---\n正文\n",
    )
    assert qunzhi(site, "build").code == 0
    assert "开场分享：社群的记忆" in site.page("tags/du-shu")  # 读书, used since 2016-01-03
    suffixed = [path.parent.name for path in (site.output / "tags").glob("du-shu-*/index.html")]
    assert len(suffixed) == 1 and "独书" in site.page(f"tags/{suffixed[0]}")


def test_links_made_by_macros_carry_a_sub_path_siteurl(site, qunzhi):
    """A hub published under a sub-path: people and tag links too (macros see SITEURL)."""
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nSITEURL = "https://hub.example.org/qun"\n')
    assert qunzhi(site, "build").code == 0
    page = site.page("transcripts/kai-chang")
    assert 'href="https://hub.example.org/qun/members/wangjianguo/"' in page
    assert 'href="https://hub.example.org/qun/tags/' in page
    assert 'href="/members/' not in page and 'href="/tags/' not in page


def test_contact_keys_are_shown_in_chinese_and_mail_is_a_link(site, qunzhi):
    site.write(
        "members/zhaolei.md",
        "---\nname: 赵磊\naliases: [磊子]\nrole: admin\npublic_contact: true\n"
        "contact:\n  email: zhaolei@example.org\n  wechat: lei-zi\n---\n管理员。\n",
    )
    assert qunzhi(site, "build").code == 0
    page = site.page("members/zhaolei")
    assert (
        '邮箱：<a href="mailto:zhaolei@example.org">zhaolei@example.org</a>；微信：lei-zi' in page
    )


def test_a_group_page_lists_its_rules_once_under_their_own_heading(built):
    page = built.page("groups/paoge")
    assert page.count('href="/rules/paoge-qungui/"') == 1
    assert '<h2 id="items-title">分享与往期活动</h2>' in page


def test_every_page_names_the_favicon_that_is_written(built):
    assert re.search(r'rel="icon" href="/theme/favicon.svg\?v=[0-9a-f]{10}"', built.page(""))
    assert (built.output / "theme" / "favicon.svg").read_text().startswith("<svg")


def test_an_asset_url_names_the_bytes_the_file_holds_now(tmp_path):
    css = tmp_path / "static" / "css" / "hub.css"
    css.parent.mkdir(parents=True)
    css.write_text("body { color: black; }", encoding="utf-8")
    first = asset("css/hub.css", str(tmp_path), "")
    assert first == asset("css/hub.css", str(tmp_path), "")
    css.write_text("body { color: #1d2126; }", encoding="utf-8")  # serve --watch: edited
    second = asset("css/hub.css", str(tmp_path), "https://qun.example.org")
    digest = hashlib.blake2b(css.read_bytes(), digest_size=5).hexdigest()
    assert second == f"https://qun.example.org/theme/css/hub.css?v={digest}"
    assert first.rpartition("=")[2] != digest


def test_a_member_page_lists_each_page_once(built):
    wang = built.page("members/wangjianguo")
    # he hosted kai-chang (and spoke in it) and hosted the 沙龙 event
    assert wang.count('href="/transcripts/kai-chang/"') == 1
    assert wang.count('href="/events/shalong/"') == 1
    assert "主持的分享（1）" in wang
    assert "参与的分享" not in wang  # the one session he spoke in is the one he hosted
