"""Production settings: the demo hub with an absolute SITEURL (sitemap.xml, calendar URLs).

Build with ``qunzhi build --settings publishconf.py``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403 (the development settings are the base)

SITEURL = "https://hub.example.org"
DELETE_OUTPUT_DIRECTORY = False
