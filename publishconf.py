"""Production settings: the demo hub with an absolute SITEURL (feeds, sitemap.xml, calendar).

Build with ``qunzhi build --settings publishconf.py``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403 (the development settings are the base)

SITEURL = "https://hub.example.org"
HUB_PUBLISH = True  # SITEURL must be absolute: feeds, sitemap and calendar link with it
DELETE_OUTPUT_DIRECTORY = False
