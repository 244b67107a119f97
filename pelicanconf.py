"""Settings of the demo hub. Hub settings (HUB_*) are documented in docs/settings.md.

The package's defaults come first (qunzhi.defaults: the packaged theme, the plugins,
content/, output/ and .qunzhi-cache/), as in every hub ``qunzhi init`` makes; this
repository's theme/ is the packaged theme itself.
"""

from qunzhi.defaults import *  # noqa: F403

SITENAME = "群志示例社区"
SITESUBTITLE = "把群聊里最好的分享、活动和群规留下来"
SITEURL = ""
AUTHOR = "群志编辑组"
TIMEZONE = "Asia/Shanghai"

HUB_GROUPS = {
    "qianxing": {
        "name": "潜行读书会",
        "platform": "wechat",
        "description": "每周四晚上的线上读书分享：读书、学习方法和做笔记。",
    },
    "zaowu": {
        "name": "周末造物社",
        "platform": "qq",
        "description": "杭州的周末创客社区：电子、木工、3D 打印，每月一次线下聚会。",
    },
}
