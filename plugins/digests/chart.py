"""The activity chart of a digest: turns per day as inline SVG, made with ``xml.etree``.

It needs no script: a title and description for screen readers, day labels and
the count above each bar as text. Text is drawn in ``currentColor`` so it follows
the page's colours (dark mode too); bars carry a fill attribute that the theme's
stylesheet overrides, so the chart also reads in a newsletter without CSS.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from qunzhi.hub.filters import WEEKDAYS

# narrow, so that the labels stay legible on a phone; the stylesheet caps the width at
# 26rem for weeks and months alike, so labels are never drawn larger than the body text
WIDTH, HEIGHT = 380, 200
TOP, BOTTOM, LEFT, RIGHT = 28, 44, 8, 8
BAR_FILL = "#0b6566"  # the theme's accent; hub.css sets it per colour scheme


def activity_svg(days: list[tuple[date, int]], title: str, chart_id: str) -> str:
    """``<svg>`` for (day, turns) pairs: bars, counts above them, labels below."""
    weekly = len(days) <= 7
    width = WIDTH
    most = max((turns for _, turns in days), default=0) or 1
    total = sum(turns for _, turns in days)
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": f"digest-chart chart-{'week' if weekly else 'month'}",
            "viewBox": f"0 0 {width} {HEIGHT}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "font-size": "13",
            "fill": "currentColor",
        },
    )
    ET.SubElement(svg, "title", id=f"{chart_id}-title").text = title
    busiest = [f"{day.month}月{day.day}日 {turns} 段" for day, turns in days if turns]
    ET.SubElement(svg, "desc", id=f"{chart_id}-desc").text = (
        f"共 {total} 段发言：{'，'.join(busiest)}" if busiest else "这段时间没有发言记录"
    )
    slot = (width - LEFT - RIGHT) / max(len(days), 1)
    plot = HEIGHT - TOP - BOTTOM
    for n, (day, turns) in enumerate(days):
        x = LEFT + n * slot
        height = round(plot * turns / most, 1)
        group = ET.SubElement(svg, "g", {"class": "chart-day"})
        ET.SubElement(group, "title").text = f"{day.month}月{day.day}日：{turns} 段发言"
        ET.SubElement(
            group,
            "rect",
            {
                "class": "chart-bar",
                "x": f"{x + slot * 0.15:.1f}",
                "y": f"{TOP + plot - height:.1f}",
                "width": f"{slot * 0.7:.1f}",
                "height": f"{max(height, 1.0 if turns else 0.0):.1f}",
                "fill": BAR_FILL,
                "rx": "2",
            },
        )
        middle = f"{x + slot / 2:.1f}"
        if turns:
            label = ET.SubElement(
                group,
                "text",
                {"x": middle, "y": f"{TOP + plot - height - 6:.1f}", "text-anchor": "middle"},
            )
            if not weekly:
                label.set("font-size", "10")  # a month's bars are narrow
            label.text = str(turns)
        if weekly or day.day == 1 or day.day % 5 == 0:
            axis = ET.SubElement(
                group,
                "text",
                {"x": middle, "y": f"{HEIGHT - BOTTOM + 18}", "text-anchor": "middle"},
            )
            axis.text = f"周{WEEKDAYS[day.weekday()]}" if weekly else f"{day.day}日"
            if weekly:
                dated = ET.SubElement(
                    group,
                    "text",
                    {
                        "x": middle,
                        "y": f"{HEIGHT - BOTTOM + 36}",
                        "text-anchor": "middle",
                        "class": "chart-date",
                        "fill-opacity": "0.7",
                    },
                )
                dated.text = f"{day.month}/{day.day}"
    ET.SubElement(
        svg,
        "line",
        {
            "x1": str(LEFT),
            "x2": str(width - RIGHT),
            "y1": str(TOP + plot),
            "y2": str(TOP + plot),
            "stroke": "currentColor",
            "stroke-opacity": "0.35",
        },
    )
    return ET.tostring(svg, encoding="unicode")
