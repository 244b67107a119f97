"""Settings of the demo hub. Hub settings (HUB_*) are documented in docs/settings.md."""

SITENAME = "群志示例社区"
SITESUBTITLE = "把群聊里最好的分享、活动和群规留下来"
SITEURL = ""
AUTHOR = "群志编辑组"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"

PATH = "content"
OUTPUT_PATH = "output"
# the search index and other caches (kept between builds; safe to delete)
CACHE_PATH = ".qunzhi-cache"
THEME = "theme"
STATIC_PATHS = ["images"]
PLUGINS = ["qunzhi.hub", "qunzhi.digests", "qunzhi.feeds", "qunzhi.search"]

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

# Pelican's own feeds are off (the hub plugin switches them off too; saying so
# here keeps Pelican from warning about feeds without SITEURL).
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
