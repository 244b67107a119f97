"""Renderings kept between builds: a change a reader would see in a newsletter, its
plain text or a feed body changes the digest's fingerprint (so it is rendered again),
and what was kept is used instead of rendering while nothing changed."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

import pytest
from markupsafe import Markup
from pelican.settings import read_settings

from qunzhi.digests import renderings
from qunzhi.digests.archive import Digests
from qunzhi.digests.gather import Digest
from qunzhi.digests.renderings import Renderings, fingerprint
from qunzhi.digests.send import digest_html, digest_text, newsletter_html
from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.hub import load_hub
from qunzhi.hub.members import Person
from qunzhi.hub.settings import check_settings
from qunzhi.hub.store import BuildStore

SITE = ("https://hub.example.org", "摘要测试群")


@pytest.fixture
def hub_settings(digest_site):
    settings = read_settings(str(digest_site.settings), override={"PATH": str(digest_site.content)})
    check_settings(settings)
    return settings


@pytest.fixture
def january(hub_settings) -> Digest:
    """The hub's January: a note, transcripts with quotes, events, a rule change,
    new members, speakers, topics and a chart."""
    digests = Digests(load_hub(hub_settings, Diagnostics()))
    found = next(d for d in digests.of("month") if d.period.id == "2016-01")
    assert found.note and found.transcripts and found.events_held and found.rule_changes
    assert found.members and found.speakers and found.topics and found.turns
    return found


def _quote(d: Digest) -> None:
    item = d.transcripts[0]
    item.quotes[0] = dataclasses.replace(item.quotes[0], text="换了一句语录。")


def _event(d: Digest) -> None:
    d.events_held[0].meta["location"] = "杭州"


def _attendees(d: Digest) -> None:
    d.events_held[0].meta["attendees"] = 99


CHANGES: list[tuple[str, Callable[[Digest], None]]] = [
    ("a title", lambda d: d.transcripts[0].doc.meta.update(title="改过的标题")),
    ("a summary", lambda d: setattr(d.transcripts[0].doc, "summary", "改过的简介。")),
    ("a host", lambda d: setattr(d.transcripts[0].doc, "host", Person("代班主持"))),
    ("a guest", lambda d: d.transcripts[0].doc.speakers.append(Person("新嘉宾"))),
    ("a quote", _quote),
    ("a speaker", lambda d: d.speakers.__setitem__(0, (Person("改名的人"), d.speakers[0][1]))),
    ("an event's place", _event),
    ("an event's attendees", _attendees),
    ("a rule change", lambda d: d.rule_changes[0].added.append((9, "新增的一条。"))),
    ("a member's name", lambda d: d.members[0].meta.update(name="改名的成员")),
    ("a topic", lambda d: d.topics.append("新话题")),
    ("the activity", lambda d: d.activity.__setitem__(0, (d.activity[0][0], 42))),
    ("the note", lambda d: setattr(d.note, "content", Markup("<p>改过的按语。</p>"))),
    ("the note's title", lambda d: d.note.meta.update(title="新的按语标题")),
    ("the period ends", lambda d: setattr(d, "in_progress", not d.in_progress)),
    ("a featured document", lambda d: d.featured.append(d.transcripts[-1].doc)),
]


def _rendered(d: Digest) -> tuple[str, ...]:
    return (newsletter_html(d, *SITE), digest_text(d, SITE[0]), str(digest_html(d, *SITE)))


@pytest.mark.parametrize("change", [change for _, change in CHANGES], ids=[n for n, _ in CHANGES])
def test_what_a_reader_sees_change_changes_the_fingerprint(january, change):
    changed = copy.deepcopy(january)
    change(changed)
    assert _rendered(changed) != _rendered(january)  # the change shows
    assert fingerprint(changed) != fingerprint(january)  # so it is rendered again


def test_kept_renderings_are_used_until_a_full_rebuild(hub_settings, january, monkeypatch):
    first = Renderings(BuildStore.of(hub_settings))
    made = (
        first.newsletter(january, *SITE),
        first.text(january, SITE[0]),
        first.body(january, *SITE),
    )
    assert made == _rendered(january)
    first.cache.save()

    def fail(*args, **kwargs):
        raise AssertionError("rendered again")

    for name in ("newsletter_html", "digest_text", "digest_html", "activity_svg"):
        monkeypatch.setattr(renderings, name, fail)
    kept = Renderings(BuildStore.of(hub_settings))
    again = (
        kept.newsletter(january, *SITE),
        kept.text(january, SITE[0]),
        kept.body(january, *SITE),
    )
    assert again == made
    assert kept.chart(january) == first.chart(january)
    with pytest.raises(AssertionError, match="rendered again"):
        kept.newsletter(january, SITE[0], "另一个名字")  # the site's name is part of the key
    full = Renderings(BuildStore.of({**hub_settings, "HUB_FULL_REBUILD": True}))
    with pytest.raises(AssertionError, match="rendered again"):
        full.text(january, SITE[0])
