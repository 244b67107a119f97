"""The topics of a period: its key terms weighed against the hub as it was then.

TF-IDF over the words of ``qunzhi.hub.words.Analyser``: a term scores by how
often the period uses it, times how rare it is among the hub's dated documents
up to the end of the period. Weighing against the hub *up to then* (not the
whole hub of today) keeps a digest stable: content added later never changes
the topics of an earlier week. Names of people are left out (the digest lists
who spoke), and so are stopwords, one-character words and numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cached_property

from qunzhi.hub.documents import LISTED_TYPES, Doc, Transcript
from qunzhi.hub.hub import Hub
from qunzhi.hub.render import plain_text
from qunzhi.hub.store import Step, digest
from qunzhi.hub.words import Analyser, fold

# Words that say nothing about what a chat was about: function words, chat
# fillers and the words every transcript and event uses.
STOPWORDS = frozenset(
    """
    我们 你们 他们 她们 它们 大家 自己 别人 人家 咱们 这个 那个 这些 那些 这样 那样 这么 那么
    这种 那种 这里 那里 这儿 那儿 什么 怎么 怎样 怎么样 为什么 哪里 哪个 哪些 多少 如何
    因为 所以 但是 可是 不过 而且 然后 如果 虽然 还是 或者 就是 只是 于是 其实 当然 比如 例如
    已经 正在 还有 没有 不是 可以 可能 应该 需要 能够 觉得 知道 感觉 认为 一个 一些 一下 一点
    一样 一起 一直 一定 一般 非常 特别 真的 比较 有点 有些 很多 许多 所有 每个 每次 时候 时间
    现在 今天 昨天 明天 今年 去年 后来 之前 之后 以后 以前 最后 开始 结束 出来 起来 下来 上来
    过来 进去 东西 事情 问题 方面 地方 部分 情况 意思 的话 的确 而是 还要 还会 就会 就要 不会
    不能 不要 不用 也许 或许 大概 好像 似乎 确实 其中 以及 并且 而已 罢了 对于 关于 通过 根据
    按照 为了 由于 除了 只有 只要 不管 无论 哪怕 即使 尽管 先是 接着 首先 其次 另外 最近 刚才
    谢谢 感谢 大家好 欢迎 哈哈 哈哈哈 嗯嗯 好的 是的 对的 没错 好吧 可能是 就是说 也就是
    今晚 晚上 上午 下午 本周 这周 下周 上周 本月 一次 两个 三个 几个 第一 第二 第三 这次 那次
    分享 主持 主持人 嘉宾 发言 问答 环节 开场 补充 一句 提问 回答 讲讲 说说 聊聊 我们的
    群里 群友 群主 成员 朋友 老师 同学 社员 社里 名字 小时 分钟 习惯 样子 办法 同行
    说话 告诉 看看 看到 听到 想到 想想 做到 做成 拿到 找到 发现 记得 记住 希望 喜欢 打算
    准备 尝试 试试 继续 决定 选择 提到 讲到 聊到 问到 来说 来讲 来看 带来 出现 成为 变成
    得到 留下 留着 用来 算是 叫做 包括 属于 进入 进行 有人 没人 加入 参加 回来 回去 不到
    做出 写出 拿出 用到 学会 听说 听懂 读懂 读完 看完 错过 写过 负责 乐意 以为 来自 全都
    作为 无关 开过 删掉
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


# Parts of speech that can name a topic: nouns (not people's names), verbs (焊接,
# 批注; the stopwords drop the empty ones), Latin words, abbreviations, and the
# hub's own tags (no flag).
# an adverb glued to a verb by the segmenter: 不想, 只读, 总得, 常说
ADVERB_STARTS = frozenset("不没只总常都也还再又很太最更")
TOPIC_FLAGS = frozenset({"", "n", "nz", "nt", "ns", "nw", "v", "vn", "an", "eng", "j"})


def member_names(hub: Hub) -> list[str]:
    return [name for member in hub.directory.members for name in (member.name, *member.aliases)]


def hub_names(hub: Hub) -> list[str]:
    """Words the analyser must keep whole: members' names, tags and groups."""
    names = member_names(hub)
    names += [tag.name for tag in hub.tags]
    names += [group.name for group in hub.groups.values()]
    return names


def _text(doc: Doc) -> str:
    return " ".join([doc.title, *doc.meta.get("tags", []), plain_text(doc.content)])


def _may_name_a_topic(word: str) -> bool:
    return (
        len(word) > 1
        and word not in STOPWORDS
        and not (len(word) == 2 and word[0] in ADVERB_STARTS)
        and not word.replace(".", "").isdigit()
    )


# The terms of a text before people are left out (who counts as a person depends on
# every transcript of the hub), and its Latin words as first written (AI, not ai).
Counts = tuple[dict[str, int], dict[str, str]]


def counts_step(hub: Hub, names: Iterable[str]) -> Step:
    """Each text's terms, kept between builds (step "topics"): besides the text (the
    key), they depend on the segmenter's dictionary (jieba's, and the hub's names: a
    new member or tag can cut any text differently) and on this module's code."""
    return hub.store.step("topics", sorted(set(names)), code=[__name__])


class Topics:
    """Term counts of every dated published document, read once per build (each
    text analysed only when the counts kept from the last build do not have it)."""

    def __init__(self, hub: Hub) -> None:
        self.names = hub_names(hub)
        self.cache = counts_step(hub, self.names)
        # people are not topics, nor the group a digest is about
        self.people = {fold(name) for name in member_names(hub)}
        self.people.update(fold(group.name) for group in hub.groups.values())
        speakers = {
            name
            for doc in hub.published
            if isinstance(doc, Transcript)
            for turn in doc.turns
            for name in (turn.person.written, turn.person.name)
        }
        self.people.update(fold(name) for name in speakers)
        self.terms: dict[int, Counter[str]] = {}
        self.written: dict[str, str] = {}  # folded Latin word: as first written (AI, not ai)
        dated = [
            doc for doc in hub.published if doc.type.folder in LISTED_TYPES and doc.date is not None
        ]
        self.corpus = sorted(dated, key=lambda doc: (doc.date, str(doc.source)))
        for doc in self.corpus:
            self.terms[id(doc)] = self._count(doc)

    @cached_property
    def analyser(self) -> Analyser:
        """Made only when a text is new: loading jieba's dictionary takes a while."""
        return Analyser(self.names)

    def _count(self, doc: Doc) -> Counter[str]:
        key = digest(doc.title, doc.meta.get("tags", []), str(doc.content))  # what _text reads
        found: Counts | None = self.cache.get(key)
        if found is None:
            found = self._analyse(_text(doc))
            self.cache.put(key, found)
        terms, written = found
        counted = Counter({word: n for word, n in terms.items() if word not in self.people})
        for word in counted.keys() & written.keys():
            self.written.setdefault(word, written[word])
        return counted

    def _analyse(self, text: str) -> Counts:
        words = Counter([word for word, _ in self.analyser.tagged(text, TOPIC_FLAGS)])
        terms = {word: n for word, n in words.items() if _may_name_a_topic(word)}
        written = {}
        for word in terms:
            if word.isascii():
                found = re.search(re.escape(word), text, re.IGNORECASE)
                written[word] = found.group(0) if found else word
        return terms, written

    def terms_of(self, doc: Doc) -> Counter[str]:
        return self.terms.get(id(doc)) or self._count(doc)

    def rank(
        self, requests: Sequence[tuple[Iterable[Doc], datetime]], count: int
    ) -> list[list[str]]:
        """Topics for each (documents of a period, end of the period), in the given order.

        Document frequencies are accumulated once over the corpus sorted by date,
        answering the requests in order of their end.
        """
        order = sorted(range(len(requests)), key=lambda n: requests[n][1])
        answers: list[list[str]] = [[] for _ in requests]
        frequency: Counter[str] = Counter()
        seen = 0
        for n in order:
            docs, end = requests[n]
            while seen < len(self.corpus) and self.corpus[seen].date < end:
                frequency.update(self.terms[id(self.corpus[seen])].keys())
                seen += 1
            answers[n] = self._top(docs, frequency, seen, count)
        return answers

    def _top(
        self, docs: Iterable[Doc], frequency: Counter[str], total: int, count: int
    ) -> list[str]:
        used: Counter[str] = Counter()
        for doc in docs:
            used.update(self.terms_of(doc))
        scores = {
            term: times * (math.log((1 + total) / (1 + frequency[term])) + 1)
            for term, times in used.items()
        }
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [self.written.get(term, term) for term, _ in ranked[:count]]
