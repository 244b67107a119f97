"""Draft and private documents (and private members) appear in no output file at all."""

from __future__ import annotations

SECRETS = [
    "草稿秘密词",  # body of the draft transcript
    "草稿中的分享",  # its title
    "cao-gao",  # its slug
    "草稿标签",  # a tag only the draft uses
    "私密秘密词",  # body of the private transcript
    "私人讨论",  # its title
    "si-ren",
    "私密语录不该出现",  # a quote in the private transcript
    "隐士甲",  # a private member's name
    "yinshi",  # and id
    "隐身人",  # and alias
    "hong-secret-123",  # a contact without public_contact
    "草稿活动秘密",  # an upcoming draft event (would be in events.ics)
    "cao-gao-huo-dong",
    "草稿群规秘密",  # a draft rule set
    "私密页面秘密",  # a private page
    "si-mi-ye-mian",
]


def test_drafts_and_private_documents_leak_nowhere(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nSITEURL = "https://hub.example.org"\n')  # also write sitemap.xml

    result = qunzhi(site, "build")

    assert result.code == 0, result.err
    files = site.all_output()
    assert "sitemap.xml" in files and "events.ics" in files
    assert site.leaks(SECRETS) == []


def test_member_page_counts_only_published_work(built):
    wang = built.page("members/wangjianguo")
    # hosted: kai-chang (the spring salon is under 活动), not the draft or the private one
    assert "主持的分享（1）" in wang


def test_a_reference_to_a_private_member_warns_and_links_nowhere(site, qunzhi):
    site.write(
        "transcripts/2016-01-21-yin.md",
        "---\ntitle: 引用\ndate: 2016-01-21\ngroup: paoge\nhost: 隐身人\n---\n隐身人：我来了。\n",
    )

    result = qunzhi(site, "build")

    assert result.code == 0
    assert (
        "content/transcripts/2016-01-21-yin.md:5: warning: host: expected a published member, "
        'found "隐身人", whose profile is private; the name is shown as written, without a link'
    ) in result.lines
    page = site.page("transcripts/yin")
    assert 'data-speaker="隐身人"' in page  # the name as written, not the member id
    assert "yinshi" not in page and "隐士甲" not in page
    assert not (site.output / "members" / "yinshi").exists()
