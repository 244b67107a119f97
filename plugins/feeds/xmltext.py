"""Text that XML 1.0 can carry: chat exports hold control characters and broken UTF-16.

lxml (under feedgen) refuses a whole feed with "All strings must be XML
compatible" for one such character, so every string is cleaned on its way in.
"""

from __future__ import annotations

import re

# XML 1.0 Char: tab, newline, CR, U+0020-U+D7FF, U+E000-U+FFFD, astral planes.
# In a Python str a surrogate is always lone (pairs are decoded into one code point).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML forbids; everything else is kept as written."""
    return FORBIDDEN.sub("", text)
