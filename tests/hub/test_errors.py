"""Each error class: its exact one-line message, a non-zero exit, and untouched output."""

from __future__ import annotations

import pytest

CASES = [
    pytest.param(
        "events/2016-03-12-salon.md",
        "---\ntitle: 沙龙\ndate: 三月十二日\ngroup: paoge\n---\n正文\n",
        "content/events/2016-03-12-salon.md:3: date: expected a date like 2016-03-12 "
        'or 2016-03-12 19:00, found "三月十二日"',
        id="bad-date",
    ),
    pytest.param(
        "transcripts/2016-02-01-wu-riqi.md",
        "---\ntitle: 没有日期\ngroup: paoge\n---\n正文\n",
        "content/transcripts/2016-02-01-wu-riqi.md:1: date: expected a date like 2016-03-12 "
        "or 2016-03-12 19:00, found nothing",
        id="missing-date",
    ),
    pytest.param(
        "transcripts/2016-02-02-huai-yaml.md",
        "---\ntitle: 坏的\ndate: 2016-02-02\ntags: [读书, 写作\ngroup: paoge\n---\n",
        "content/transcripts/2016-02-02-huai-yaml.md:5: tags: expected valid YAML, "
        "found expected ',' or ']', but got ':'",
        id="malformed-yaml",
    ),
    pytest.param(
        "pages/no-front.md",
        "# 标题\n\n正文\n",
        'content/pages/no-front.md:1: front matter: expected a first line "---" opening YAML, '
        'found "# 标题"',
        id="no-front-matter",
    ),
    pytest.param(
        "pages/unclosed.md",
        "---\ntitle: 没有结尾\n\n正文\n",
        'content/pages/unclosed.md:5: front matter: expected a closing "---" line, '
        "found the end of the file",
        id="unclosed-front-matter",
    ),
    pytest.param(
        "pages/empty.md",
        "",
        "content/pages/empty.md:1: file: expected front matter between two --- lines, "
        "found an empty file",
        id="empty-file",
    ),
    pytest.param(
        "events/2016-02-03-rongliang.md",
        "---\ntitle: 容量\ndate: 2016-02-03\ngroup: paoge\ncapacity: 三十\n---\n",
        "content/events/2016-02-03-rongliang.md:5: capacity: expected a whole number like 30, "
        'found "三十"',
        id="wrong-type-number",
    ),
    pytest.param(
        "transcripts/2016-02-04-biaoqian.md",
        "---\ntitle: 标签\ndate: 2016-02-04\ngroup: paoge\ntags:\n  name: 读书\n---\n",
        "content/transcripts/2016-02-04-biaoqian.md:5: tags: expected a list of text like "
        "[读书, 写作], found a mapping (key: value pairs)",
        id="wrong-type-list",
    ),
    pytest.param(
        "transcripts/2016-02-05-xiaozu.md",
        "---\ntitle: 小组\ndate: 2016-02-05\ngroup: paoga\n---\n",
        "content/transcripts/2016-02-05-xiaozu.md:4: group: expected a group declared in "
        'HUB_GROUPS: "paoge", "dushu", found "paoga" (did you mean "paoge"?)',
        id="unknown-group",
    ),
    pytest.param(
        "transcripts/2016-02-06-meiyou-xiaozu.md",
        "---\ntitle: 没有小组\ndate: 2016-02-06\n---\n",
        "content/transcripts/2016-02-06-meiyou-xiaozu.md:1: group: expected a group id "
        "(the site has several groups), found nothing",
        id="missing-group",
    ),
    pytest.param(
        "members/wangxiaoer.md",
        "---\nname: 王小二\naliases: [老王]\n---\n",
        "content/members/wangxiaoer.md:3: aliases: expected a name no other member uses, found "
        '"老王" (also claimed by content/members/wangjianguo.md); give one of them a '
        "distinguishing name or alias",
        id="alias-claimed-twice",
    ),
    pytest.param(
        "transcripts/2016/2016-02-07-kai-chang.md",
        "---\ntitle: 同名\ndate: 2016-02-07\ngroup: paoge\n---\n",
        "content/transcripts/2016/2016-02-07-kai-chang.md:1: file: expected a URL no other "
        "document "
        'uses, found "/transcripts/kai-chang/" (also used by '
        "content/transcripts/2016/2016-01-03-kai-chang.md); set a different slug",
        id="two-documents-one-url",
    ),
    pytest.param(
        "notes/random.md",
        "---\ntitle: 随手记\n---\n",
        "content/notes/random.md:1: folder: expected one of transcripts, events, rules, members, "
        'digests, pages, images, found "notes"',
        id="unknown-folder",
    ),
    pytest.param(
        "pages/scan.pdf",
        b"%PDF-1.4",
        'content/pages/scan.pdf:1: file: expected a Markdown file ending in .md, found ".pdf"',
        id="not-markdown",
    ),
    pytest.param(
        "pages/binary.md",
        b"---\ntitle: x\n---\n\x00\x01\x02\x03",
        "content/pages/binary.md:4: encoding: expected text, found binary data",
        id="binary-file",
    ),
    pytest.param(
        "pages/latin1.md",
        "---\ntitle: café\n---\ncafé au lait\n".encode("latin-1"),
        "content/pages/latin1.md:2: encoding: expected UTF-8 or GB18030 text, found bytes that "
        "are neither (first at byte 14); save the file as UTF-8",
        id="undecodable",
    ),
    pytest.param(
        "members/王五.md",
        "---\nname: 王五\n---\n",
        "content/members/王五.md:1: file: expected a member id as file name (lowercase letters, "
        'digits, - and _, like wangxiaoming.md), found "王五.md"',
        id="member-id",
    ),
    pytest.param(
        "rules/kong.md",
        "---\ntitle: 空群规\ngroup: dushu\n---\n只有一句话。\n",
        "content/rules/kong.md:5: body: expected an ordered list of rules (1. …, 2. …), found none",
        id="rules-without-list",
    ),
    pytest.param(
        "transcripts/2016-02-11-my talk#1.md",
        "---\ntitle: 文件名\ndate: 2016-02-11\ngroup: paoge\n---\n",
        "content/transcripts/2016-02-11-my talk#1.md:1: file: expected a URL part without "
        'spaces, / ? # % or quotes, not starting with a dot, found "my talk#1"; rename the file '
        "or set slug",
        id="file-name-slug",
    ),
    pytest.param(
        "pages/index.md",
        "---\ntitle: 首页\nslug: Index.html\n---\n",
        "content/pages/index.md:3: slug: expected a page slug the hub does not use itself, found "
        '"Index.html"',
        id="reserved-slug",
    ),
    pytest.param(
        "pages/dot.md",
        "---\ntitle: 点\nslug: ..\n---\n",
        "content/pages/dot.md:3: slug: expected a URL part without spaces, / ? # % or quotes, "
        'not starting with a dot, found ".."',
        id="dot-slug",
    ),
    pytest.param(
        "events/2016-02-08-fandao.md",
        "---\ntitle: 反了\ndate: 2016-02-08 19:00\nend: 2016-02-08 18:00\ngroup: paoge\n---\n",
        "content/events/2016-02-08-fandao.md:4: end: expected a time after the start "
        "2016-02-08 19:00, found 2016-02-08 18:00",
        id="end-before-start",
    ),
    pytest.param(
        "transcripts/2016-02-09-chongfu.md",
        "---\ntitle: 重复\ndate: 2016-02-09\ntitle: 又一个\ngroup: paoge\n---\n",
        "content/transcripts/2016-02-09-chongfu.md:4: title: expected each key once, "
        "found it again (first on line 2)",
        id="duplicate-key",
    ),
]


def own(lines: list[str], prefix: str) -> list[str]:
    """The lines about one file (the fixture has a warning of its own)."""
    return [line for line in lines if line.startswith(prefix)]


@pytest.mark.parametrize(("relative", "text", "expected"), CASES)
def test_error_is_one_exact_line_and_old_output_survives(built, qunzhi, relative, text, expected):
    before = built.all_output()
    built.write(relative, text)

    result = qunzhi(built, "build")

    assert result.code == 1
    assert expected in result.lines
    assert result.lines[-1].startswith("qunzhi: content has 1 error")
    assert "Traceback" not in result.err
    assert built.all_output() == before


@pytest.mark.parametrize(("relative", "text", "expected"), CASES)
def test_check_reports_the_same_and_writes_nothing(site, qunzhi, relative, text, expected):
    site.write(relative, text)

    result = qunzhi(site, "check")

    assert result.code == 1
    assert expected in result.lines
    assert not site.output.exists()


def test_all_errors_of_a_run_are_reported_together(built, qunzhi):
    for relative, text, _ in (case.values for case in CASES[:4]):
        built.write(relative, text)

    result = qunzhi(built, "build")

    assert result.code == 1
    assert [line for case in CASES[:4] for line in result.lines if line == case.values[2]] == [
        case.values[2] for case in CASES[:4]
    ]
    assert result.lines[-1].startswith("qunzhi: content has 4 errors, 1 warning")


def test_unknown_key_warns_with_a_suggestion_and_still_builds(site, qunzhi):
    site.write("pages/tag.md", "---\ntitle: 错键\ntag: [读书]\n---\n")

    result = qunzhi(site, "build")

    assert result.code == 0
    assert own(result.lines, "content/pages/tag.md") == [
        "content/pages/tag.md:3: warning: tag: unknown key for a page, ignored, "
        'did you mean "tags"?'
    ]


def test_unknown_member_reference_warns_and_fails_with_strict(site, qunzhi):
    site.write(
        "transcripts/2016-02-10-ke.md",
        "---\ntitle: 客人\ndate: 2016-02-10\ngroup: paoge\nhost: 张三丰\n---\n张三丰：你好。\n",
    )
    expected = (
        "content/transcripts/2016-02-10-ke.md:5: warning: host: expected a member id, name or "
        'alias, found "张三丰"; add a file under members/ or correct the name'
    )

    relaxed = qunzhi(site, "build")
    strict = qunzhi(site, "build", "--strict")

    assert relaxed.code == 0 and own(relaxed.lines, "content/transcripts/2016-02-10") == [expected]
    assert strict.code == 1 and own(strict.lines, "content/transcripts/2016-02-10") == [expected]
    assert "(warnings are errors with --strict)" in strict.lines[-1]
    # the non-member host still speaks, under the name as written
    assert 'data-speaker="张三丰"' in site.page("transcripts/ke")


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [
        (
            "pages/list.md",
            "---\ntitle: 列表\n---\n- 一\n  - 二\n",
            "content/pages/list.md:5: warning: body: expected a nested list item indented "
            "4 spaces, found 2; it would not be nested",
        ),
        (
            "digests/2016-01.md",
            "---\nhighlights: [kai-chang, cao-gao]\n---\n本月。\n",
            "content/digests/2016-01.md:2: warning: highlights: expected the slug of a published "
            'transcript, event or rule, found "cao-gao"',
        ),
    ],
    ids=["shallow-nested-list", "unknown-highlight"],
)
def test_warnings_are_one_exact_line(site, qunzhi, relative, text, expected):
    site.write(relative, text)

    result = qunzhi(site, "check")

    assert result.code == 0
    assert own(result.lines, f"content/{relative}") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: 注意: 这是标题\n---\n",
            "content/pages/yaml.md:2: title: expected valid YAML, found mapping values are not "
            'allowed here; put the value in quotes: title: "…"',
        ),
        (
            "---\ntitle: 甲\ntags: &a [*a]\n---\n",
            "content/pages/yaml.md:3: tags: expected plain values, found a YAML alias (*name)",
        ),
        (
            "---\ntitle: 甲\x7f乙\n---\n",
            "content/pages/yaml.md:2: title: expected valid YAML, found the control character "
            "U+007F",
        ),
    ],
    ids=["colon-in-value", "recursive-alias", "control-character"],
)
def test_yaml_traps_get_one_line_with_the_key(site, qunzhi, text, expected):
    site.write("pages/yaml.md", text)

    result = qunzhi(site, "check")

    assert result.code == 1
    assert own(result.lines, "content/pages/yaml.md") == [expected]


def test_one_round_reports_the_problems_of_hub_feeds_and_digests_together(built, qunzhi):
    """A bad date (hub), a duplicate feed id (feeds) and a note for an empty week (digests):
    one build prints them all and one count, as ``qunzhi check`` does, and writes nothing."""
    before = built.all_output()
    built.write(
        "events/2016-03-12-salon.md",
        "---\ntitle: 沙龙\ndate: 三月十二日\ngroup: paoge\n---\n正文\n",
    )
    built.write(
        "transcripts/2016/2016-01-03-other.md",
        "---\ntitle: 另一场\ndate: 2016-01-03 21:00\ngroup: paoge\n"
        "feed_id: kai-chang\n---\n王建国：正文。\n",
    )
    built.write("digests/2016-W06.md", "---\ntitle: 空的一周\n---\n没有内容。\n")
    problems = [
        "content/digests/2016-W06.md:1: warning: file: expected a week with published content, "
        "found none (or its digests are switched off in HUB_DIGEST_PERIODS); the note is not shown",
        "content/events/2016-03-12-salon.md:3: date: expected a date like 2016-03-12 "
        'or 2016-03-12 19:00, found "三月十二日"',
        # the fixture's own warning: a guest speaker who is no member
        "content/transcripts/2016/2016-01-03-kai-chang.md:6: warning: speakers: expected a member "
        'id, name or alias, found "访客甲"; add a file under members/ or correct the name',
        "content/transcripts/2016/2016-01-03-other.md:5: feed_id: expected a feed entry id no "
        'other document has, found "tag:localhost,2016-01-03:transcripts/kai-chang" (also '
        "content/transcripts/2016/2016-01-03-kai-chang.md); set feed_id to tell them apart",
    ]
    result = qunzhi(built, "build")
    assert result.code == 1
    lines = [line for line in result.lines if not line.startswith("WARNING: feeds: SITEURL")]
    assert lines == [*problems, "qunzhi: content has 2 errors, 2 warnings; nothing was written"]
    assert built.all_output() == before
    checked = qunzhi(built, "check")
    assert checked.code == 1
    assert checked.lines[:-1] == problems
    assert checked.lines[-1].endswith(" files checked: 2 errors, 2 warnings")


def test_a_plugin_before_the_hub_is_one_line(site, qunzhi):
    settings = site.settings.read_text(encoding="utf-8")
    wrong = '["qunzhi.search", "qunzhi.hub", "qunzhi.digests", "qunzhi.feeds"]'
    site.settings.write_text(
        settings.replace(
            '["qunzhi.hub", "qunzhi.digests", "qunzhi.feeds", "qunzhi.search"]', wrong
        ),
        encoding="utf-8",
    )
    result = qunzhi(site, "build")
    assert result.code == 2
    assert result.lines == [
        'qunzhi: PLUGINS: expected "qunzhi.hub" before "qunzhi.search", found ["qunzhi.search", '
        '"qunzhi.hub", "qunzhi.digests", "qunzhi.feeds"]'
    ]
