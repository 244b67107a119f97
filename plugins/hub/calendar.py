"""``events.ics``, the upcoming events as an RFC 5545 calendar made by ``icalendar``, and
each upcoming event's own ``event.ics`` beside its page ("加入日历" adds that one event)."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import urlsplit

import icalendar

from .documents import Event
from .hub import Hub
from .settings import site_zone

DEFAULT_LENGTH = timedelta(hours=2)


def events_calendar(hub: Hub, events: list[Event] | None = None) -> bytes:
    """One VEVENT per upcoming event (or per one of ``events``), times in UTC, UIDs stable
    across builds."""
    siteurl = str(hub.settings.get("SITEURL") or "")
    domain = urlsplit(siteurl).hostname or "qunzhi.invalid"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Qunzhi//群志//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = f"{hub.settings.get('SITENAME', '')} 活动"
    calendar.add("x-wr-calname", events[0].title if events and len(events) == 1 else name)
    calendar.add("x-wr-timezone", site_zone(hub.settings).key)
    stamp = hub.now.astimezone(UTC)
    for event in hub.upcoming if events is None else events:
        entry = icalendar.Event()
        entry.add("uid", f"{event.type.folder}-{event.slug}@{domain}")
        entry.add("dtstamp", stamp)
        when = event.when
        if when.has_time:
            entry.add("dtstart", event.date.astimezone(UTC))
            end = event.end or event.date + DEFAULT_LENGTH
            entry.add("dtend", end.astimezone(UTC))
        else:
            entry.add("dtstart", event.date.date())
            end = event.end or event.date + timedelta(days=1)
            entry.add(
                "dtend",
                end.date()
                if end.date() > event.date.date()
                else (event.date + timedelta(days=1)).date(),
            )
        entry.add("summary", event.title)
        if event.meta.get("location"):
            entry.add("location", event.meta["location"])
        entry.add("description", event.summary)
        if siteurl.startswith(("http://", "https://")):
            entry.add("url", f"{siteurl}/{event.url}")
        if event.group is not None:
            entry.add("categories", [event.group.name])
        calendar.add_component(entry)
    return calendar.to_ical()
