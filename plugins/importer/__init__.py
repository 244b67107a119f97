"""``qunzhi import``: chat exports (QQ, WeChat, pasted text) to transcript drafts.

Not a Pelican plugin: the ``qunzhi import`` command uses it before a build. Each
module does one job: read the file, detect the format, parse it into messages,
drop system lines, map speakers to members, redact contacts, write the draft.
"""
