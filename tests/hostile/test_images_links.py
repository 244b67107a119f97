"""Pictures only drafts use stay off the site; symlinks inside the hub are followed;
every date of the documented range builds; names are one spelling (NFC)."""

from __future__ import annotations

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_a_picture_is_published_only_when_a_published_document_uses_it(site, qunzhi):
    for name in ("draft.png", "private.png", "both.png", "unused.png", "avatar-secret.png"):
        site.write(f"images/{name}", PNG)
    site.write(
        "pages/cao-gao-ye.md",
        "---\ntitle: 草稿页\nstatus: draft\n---\n![](/images/draft.png) ![](/images/both.png)\n",
    )
    site.write(
        "pages/si-mi-ye.md",
        "---\ntitle: 私密页\nstatus: private\n---\n[图](/images/private.png)\n",
    )
    site.write("pages/gong-kai.md", "---\ntitle: 公开页\n---\n![](/images/both.png)\n")
    site.write(
        "members/mimi.md",
        "---\nname: 秘密成员\nstatus: private\navatar: images/avatar-secret.png\n---\n",
    )
    assert qunzhi(site, "build").code == 0
    published = {path.name for path in (site.output / "images").iterdir()}
    assert {"both.png", "unused.png", "logo.png"} <= published
    assert not published & {"draft.png", "private.png", "avatar-secret.png"}


def test_symlinks_that_stay_inside_the_hub_are_followed(site, qunzhi):
    shared = site.content / "images" / "shared"
    shared.mkdir()
    (shared / "photo.png").write_bytes(PNG)
    (site.content / "images" / "linked").symlink_to(shared)  # a folder
    (site.content / "images" / "alias.png").symlink_to(shared / "photo.png")  # a file
    # transcripts kept in a hidden folder of the hub, reached through a folder link
    hidden = site.content / ".archive-2016"
    (site.content / "transcripts" / "2016").rename(hidden)
    (site.content / "transcripts" / "2016").symlink_to(hidden)
    built = qunzhi(site, "build")
    assert built.code == 0, built.err
    assert (site.output / "images" / "linked" / "photo.png").read_bytes() == PNG
    assert (site.output / "images" / "alias.png").read_bytes() == PNG
    assert (site.output / "transcripts" / "kai-chang" / "index.html").exists()


def test_a_folder_reached_twice_is_read_once(site, qunzhi):
    real = site.content / "transcripts" / "2016"
    (site.content / "transcripts" / "again").symlink_to(real)
    built = qunzhi(site, "build")
    assert built.code == 0, built.err  # not two documents at each URL
    assert (site.output / "transcripts" / "kai-chang" / "index.html").exists()


def test_every_date_of_the_documented_range_builds(site, qunzhi):
    for day, stamp in [("first", "1900-01-01"), ("early", "1900-01-01 00:00+14:00")]:
        site.write(
            f"transcripts/2016/{day}.md",
            f"---\ntitle: {day}\ndate: {stamp}\ngroup: paoge\nhost: 老王\n---\n老王：早。\n",
        )
    site.write(
        "events/last.md",
        "---\ntitle: 最后\ndate: 9998-12-31 23:59-12:00\nend: 9998-12-31 23:59:59-12:00\n"
        "group: paoge\n---\n正文\n",
    )
    site.write(
        "events/last-day.md", "---\ntitle: 全天\ndate: 9998-12-31\ngroup: paoge\n---\n正文\n"
    )
    site.write("members/zuihou.md", "---\nname: 最后成员\njoined: 9998-12-31 23:00\n---\n")
    site.write(
        "rules/zuihou.md",
        "---\ntitle: 最后群规\ngroup: paoge\nversion: 9\neffective: 9998-12-31\n---\n1. 守时\n",
    )
    result = qunzhi(site, "build")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert (site.output / "events" / "last" / "index.html").exists()


def test_tags_and_slugs_are_one_spelling(site, qunzhi):
    for name, spelling in (("nfc", "caf\u00e9"), ("nfd", "cafe\u0301")):
        site.write(
            f"transcripts/2016/2016-01-2{len(name)}-{name}.md",
            f"---\ntitle: {name}\ndate: 2016-01-2{len(name)} 20:00\ngroup: paoge\nhost: 老王\n"
            f"tags: [{spelling}]\nslug: {name}-{spelling}\n---\n老王：好。\n",
        )
    assert qunzhi(site, "build").code == 0
    tags = [path.name for path in (site.output / "tags").iterdir() if path.is_dir()]
    assert len([tag for tag in tags if tag.startswith("caf")]) == 1  # one page, both spellings
    assert (site.output / "transcripts" / "nfd-caf\u00e9").is_dir()
    assert not (site.output / "transcripts" / "nfd-cafe\u0301").exists()
