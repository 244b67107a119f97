"""Chat text as Markdown that renders as it was typed and stays inside its turn.

Chat is plain text, so what Markdown would read as structure is escaped: HTML
tags, headings, quotes, code fences, rules, link definitions. A line that begins like another
turn (``李小红：…`` quoted inside a message) gets its colon written as an
HTML entity: the page shows the same text, and the parser sees no turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from qunzhi.hub.transcript import TURN_START

HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
RULE = re.compile(r"^([-*_])(?:\s*\1){2,}\s*$")
LINK_DEFINITION = re.compile(r"^\[[^\]]*\]:")  # "[1]: 见上文" would vanish from the page
COLON_ENTITIES = {":": "&#58;", "：": "&#65306;"}


def paragraph(text: str, opens_turn: Callable[[str], bool]) -> str:
    """One line of a message as a Markdown paragraph of the same visible text."""
    text = ENTITY.sub("&amp;", text)
    text = HTML_START.sub("&lt;", text)
    if text.startswith(("#", ">", "`")) or RULE.match(text) or LINK_DEFINITION.match(text):
        text = "\\" + text
    elif text.startswith("~~~"):
        text = "&#126;" + text[1:]
    match = TURN_START.match(text)
    if match and opens_turn(match["name"]):
        after = text[match.end("name") :]
        colon = match.end("name") + len(after) - len(after.lstrip())
        text = text[:colon] + COLON_ENTITIES[text[colon]] + text[colon + 1 :]
    return text
