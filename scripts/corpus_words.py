"""Phrase bank and seeded text maker for scripts/gen_corpus.py.

All words, phrases and templates were written for this generator; nothing is copied
from the web. The bank is split by topic so that each document reads as being about
something, and every pool is drawn with Zipf-like weights so that word frequencies
look like real chat logs: search-index benchmarks are meaningless on uniform noise.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
Bound = tuple[str, tuple[Iterator, ...]]  # a format string and the streams for its slots


def _w(text: str) -> tuple[str, ...]:
    """Split a whitespace-separated bank; `_` stands for a space inside a term."""
    return tuple(word.replace("_", " ") for word in text.split())


@dataclass(frozen=True)
class Topic:
    """A subject a group talks about: its words, English terms and tags."""

    key: str
    zh: str
    nouns: tuple[str, ...]
    english: tuple[str, ...]
    tags: tuple[str, ...]


# fmt: off
TOPICS: tuple[Topic, ...] = (
    Topic("reading", "读书", _w("""书单 读书笔记 精读 泛读 电子书 纸质书 阅读器 书评 作者
        译本 原著 章节 目录 引文 批注 卡片笔记 阅读计划 读书会 经典 小说 非虚构 传记 历史书
        哲学入门 科普读物 诗集 二手书 图书馆 借阅 书店 出版社 版本 注释 序言
        阅读速度 主题阅读 书架"""),
        _w("Kindle Goodreads Zettelkasten Obsidian PDF ePub"),
        _w("读书 书单 读书笔记 非虚构 小说 科普 历史 哲学 阅读方法 读书会 传记 诗歌")),
    Topic("coding", "编程", _w("""代码 函数 接口 单元测试 重构 技术债 数据库 缓存 并发 日志
        配置文件 依赖 版本控制 代码评审 持续集成 部署 容器 脚本 命令行 编辑器 调试器 性能瓶颈
        内存泄漏 异常处理 类型系统 编译器 框架 开源项目 文档 分支 线上事故 监控 算法 数据结构
        正则表达式 索引"""),
        _w("Python Rust Go Git Docker Kubernetes CI API SQL Linux VS_Code PR bug code_review"),
        _w("编程 Python 开源 架构 测试 数据库 前端 后端 运维 算法 职业发展 工具链 Rust")),
    Topic("product", "产品", _w("""需求 用户画像 用户访谈 原型 竞品分析 路线图 优先级 迭代
        数据埋点 转化率 留存 增长 体验 交互 信息架构 功能清单 用户反馈 发布节奏 指标
        北极星指标 灰度发布 假设 验证 使用场景 痛点 定价 商业模式 渠道 文案 新手引导 客服 工单"""),
        _w("PRD MVP A/B_test OKR KPI PMF Figma DAU roadmap"),
        _w("产品 用户研究 增长 数据分析 交互设计 需求管理 产品经理 定价 用户体验")),
    Topic("startup", "创业", _w("""融资 天使轮 估值 股权 合伙人 现金流 团队 招聘 期权
        商业计划书 投资人 路演 客户 销售 成本 毛利 账期 公司注册 社保 办公室 远程协作 副业
        试错 转型 供应链 品牌 口碑 复购 私域 冷启动 护城河 赛道"""),
        _w("BP SaaS VC ROI B2B ToB cash_flow"),
        _w("创业 融资 团队管理 副业 销售 招聘 现金流 远程办公 小生意 合伙人")),
    Topic("photo", "摄影", _w("""镜头 光圈 快门 感光度 构图 曝光 白平衡 色温 滤镜 三脚架
        定焦 变焦 街拍 人像 风光 夜景 胶片 冲洗 后期 调色 直方图 对焦 景深 前景 逆光 黄金时刻
        取景器 闪光灯 相机包 扫街 作品集 暗房 长曝光"""),
        _w("RAW Lightroom ISO HDR JPG"),
        _w("摄影 街拍 胶片 人像 风光 后期 器材 构图 夜景 手机摄影")),
    Topic("woodwork", "木工", _w("""榫卯 刨子 凿子 木料 胡桃木 樱桃木 松木 砂纸 木蜡油 夹具
        工作台 锯片 台锯 修边机 画线 开料 拼板 含水率 木纹 收口 抽屉 小板凳 书架 砧板 打磨
        上漆 木工胶 误差 尺寸 图纸"""),
        _w("DIY CNC SketchUp"),
        _w("木工 榫卯 手工 工具 家具 DIY 打磨 木料")),
    Topic("electronics", "电子", _w("""电路板 焊接 电烙铁 万用表 示波器 电阻 电容 单片机
        传感器 电源 稳压 继电器 舵机 面包板 原理图 打样 固件 串口 蓝牙模块 电池 充电管理
        外壳 散热 接地 噪声 开发板 元器件 3D打印"""),
        _w("Arduino ESP32 STM32 PCB I2C LED USB-C KiCad"),
        _w("电子 单片机 焊接 开源硬件 智能家居 3D打印 传感器 嵌入式")),
    Topic("fitness", "健身", _w("""深蹲 硬拉 卧推 引体向上 有氧 跑步 配速 心率 拉伸 热身
        核心 体脂 蛋白质 饮食 睡眠 恢复 训练计划 组数 负重 肌肉 关节 膝盖 腰背 体态 跳绳
        游泳 骑行 马拉松 瑜伽 筋膜 伤病 打卡"""),
        _w("HIIT BMI PB App"),
        _w("健身 跑步 力量训练 饮食 减脂 马拉松 瑜伽 伤病预防 睡眠")),
    Topic("parenting", "育儿", _w("""孩子 亲子阅读 绘本 作息 辅食 早教 幼儿园 小学 作业
        兴趣班 屏幕时间 情绪管理 家规 陪伴 玩具 户外活动 二胎 老人带娃 分离焦虑 睡前故事
        奖励 惩罚 沟通 专注力 好奇心 自理能力 零花钱 青春期 家庭会议"""),
        _w("STEM Montessori iPad"),
        _w("育儿 亲子阅读 早教 教育 绘本 家庭 情绪管理 幼儿园")),
    Topic("writing", "写作", _w("""选题 大纲 初稿 改稿 标题 开头 结尾 段落 节奏 叙事 视角
        人物 对话 细节 素材 灵感 拖延 日更 公众号 读者 编辑 投稿 稿费 风格 语感 比喻 长文
        短篇 非虚构写作 采访 事实核查"""),
        _w("Markdown Notion Scrivener newsletter blog"),
        _w("写作 公众号 非虚构写作 小说创作 自媒体 写作方法 投稿 博客")),
    Topic("music", "音乐", _w("""吉他 和弦 指弹 节拍器 乐理 音阶 即兴 编曲 混音 录音 耳机
        音箱 声卡 麦克风 黑胶 现场 乐队 排练 歌词 旋律 节奏型 调音 钢琴 尤克里里 合唱"""),
        _w("DAW MIDI Logic_Pro"),
        _w("音乐 吉他 编曲 录音 乐理 黑胶 乐队 钢琴")),
    Topic("travel", "旅行", _w("""攻略 路线 签证 机票 酒店 民宿 背包 徒步 露营 自驾 高铁
        行程 预算 旅行保险 当地美食 博物馆 古镇 海岛 雪山 草原 语言障碍 汇率 行李 时差
        旅行日记 小众目的地 淡季"""),
        _w("Airbnb citywalk gap_year Google_Maps"),
        _w("旅行 徒步 露营 自驾 攻略 城市漫步 出境游")),
    Topic("cooking", "烹饪", _w("""菜谱 火候 刀工 调味 酱油 高汤 发酵 面团 烤箱 铸铁锅
        空气炸锅 备菜 食材 时令蔬菜 家常菜 烘焙 面包 酸面种 咖啡豆 手冲 茶叶 腌制 冷冻 便当"""),
        _w("sourdough espresso latte"),
        _w("烹饪 烘焙 咖啡 家常菜 发酵 饮食 茶")),
    Topic("design", "设计", _w("""字体 排版 配色 网格 留白 图标 品牌识别 海报 插画 视觉层级
        对比度 组件库 设计规范 草图 灵感板 可访问性 动效 版式 印刷 纸张 包装"""),
        _w("Figma Sketch UI UX Pantone"),
        _w("设计 字体 排版 品牌 插画 UI设计 配色")),
)

GENERAL_NOUNS = _w("""时间 习惯 方法 经验 问题 目标 成本 效率 心态 细节 工具 流程 节奏
    反馈 动力 耐心 预期 门槛 基础 边界 取舍 复盘 计划 资料 社区 圈子 新手期 瓶颈 热情
    审美 判断力 信息差 执行力 注意力 兴趣 选择 长期主义 短期收益 第一步 误区""")
GENERAL_ENGLISH = _w("deadline OK feedback PPT KPI plan_B workflow ChatGPT AI checklist")
GENERAL_TAGS = _w("""分享实录 线下活动 新人 经验 复盘 工具 效率 学习方法 时间管理 职业
    心理健康 生活方式 访谈 问答 年度总结 群友故事 城市 环保 公益 理财 投资 AI 大模型
    开源社区 远程工作 自由职业 英语学习 考试 读研 转行 中年 退休 宠物 播客 纪录片
    书影音 断舍离 极简 二手 周末 夜跑 早起 冥想 手账 收纳 家居 租房 买房 通勤 独居
    社群运营 志愿者 非遗 手作 展览 话剧 桌游 露天电影 骑行 登山 城市规划 老物件 方言
    历史建筑 地方美食 咖啡馆 书店 图书馆 音乐节 看展 跨界 女性 代际沟通 养老 健康""")

PEOPLE = _w("我 我们 大家 很多人 新手 老手 身边的朋友 同事 有些群友 不少人 我自己 你")
VERBS = _w("""尝试了 一直在琢磨 重新思考了 低估了 高估了 开始重视 放弃了 坚持做 复盘了
    整理了 推荐过 反复比较了 踩过 看重 忽略了 讨论过 搞清楚了 研究了 换掉了 升级了
    记录了 分享过 误解了 小看了 摸索出 纠结过 迷上了 补上了""")
BARE_VERBS = _w("""调整 记录 拆解 打磨 比较 梳理 练习 观察 试试 改进 简化 规划 拆分
    验证 总结 控制 优化 保留 放下 准备""")
ADJECTIVES = _w("""重要 关键 有意思 麻烦 靠谱 容易上手 费时间 值得 划算 稳定 灵活 复杂
    简单 实用 难 顺手 踏实 有挑战 无聊 被低估 贵 便宜 好用 要紧 有趣 折腾 耐用 直接""")
ADVERBS = _w("""其实 确实 往往 慢慢 一直 反而 真的 基本上 多少 尤其 通常 完全 稍微
    特别 一下子 越来越 始终 大概""")
CONNECTIVES = _w("""但是 所以 另外 说实话 比如说 换句话说 不过 总的来说 一开始 后来
    当然 其实 同时 相比之下 反过来 举个例子 坦白讲 结果""")
SPANS = _w("""三个月 半年 两年 一个周末 好几年 一整个夏天 每天半小时 两周 一个学期
    十来天 差不多一年 每周两次""")
NUMBERS = _w("2 3 5 4 10 6 7 8 20 12 15 30 50 100 9 40")
INTERJECTIONS = _w("""哈哈 嗯嗯 对 是的 赞 +1 学到了 确实如此 同意 有道理 收藏了 mark
    好问题 太真实了 哈哈哈 👍 原来如此""")

SENTENCES = _w("""
{p}{d}{v}{n}，{c}{n}{d}很{a}。
说到{n}，{p}的体会是先把{n}做好，再谈{n}。
{c}，{n}和{n}之间的关系{d}没那么简单。
我用_{e}_做过一段时间{n}，{d}觉得{a}。
{m}下来，{p}{v}{n}，收获挺大的。
很多人问{n}怎么入门，我的建议是从{n}开始。
{n}这件事，{d}要看{n}。
如果{n}不够{a}，那{n}{d}也做不好。
第{k}点是{n}，这个{d}被大家{v}。
{p}之前{v}{n}，{c}发现{n}才是关键。
有个小技巧：先{w}{n}，再{w}{n}。
关于{n}，我{d}有三个看法：一是{n}，二是{n}，三是{n}。
{e}_这个词{d}被说滥了，但{n}{d}很{a}。
比如{n}，{k}年前{d}没人{v}，现在{d}成了标配。
说实话，{n}比{n}{a}多了。
{p}花了{m}研究{n}，最大的感受是{n}比想象中{a}。
这里推荐一本讲{n}的书，把{n}讲得很透。
{n}（也就是大家说的_{e}）{d}是绕不开的。
“{n}”和“{n}”{d}是两回事。
{c}，{p}{d}{v}{n}，这点很{a}。
我们当时用的是_{e}，{n}{d}{a}，{n}就差一些。
{p}可以先{w}一下{n}，{d}会{a}很多。
{n}的问题在于{n}，而不是{n}。
刚开始{p}{d}{v}{n}，花了{m}才明白。
{d}记得那次{n}出了问题，后来{w}了{n}才好。
与其纠结{n}，不如先把{n}{w}清楚。
{n}、{n}、{n}，这三样{d}缺一不可。
{p}的{n}{d}{a}，但{n}需要{m}的积累。
{c}我把{n}换成了_{e}，{n}{d}提升了{k}倍左右。
这个阶段{d}别急着{w}{n}，{n}更{a}。
我现在每周花{k}个小时在{n}上，{d}觉得{a}。
{e}_的文档写得{a}，{n}部分{d}值得一读。
有人说{n}已经过时了，我{d}不同意。
{n}做到{k}分就够了，剩下的交给{n}。
从{n}到{n}，中间{d}隔着{n}。
{c}，{n}{d}是一个{a}的起点。
""")
QUESTIONS = _w("""
请问{n}和{n}怎么选？
想问一下，{n}{d}需要{w}吗？
新手{w}{n}，有什么要注意的？
{n}{d}{a}吗？大概要多久？
能不能展开讲讲{n}？
如果预算有限，{n}先从哪里入手？
{e}_和{n}能一起用吗？
{n}遇到瓶颈的时候，你们一般怎么办？
""")
TITLES = _w("""
{n}入门：从{n}到{n}
聊聊{n}和{n}
{n}的{k}个坑
我是怎么开始{w}{n}的
{e}_实践分享
关于{n}的一次讨论
{z}夜话：{n}
{n}、{n}与{n}
一年{w}{n}的复盘
新手如何看待{n}
{z}杂谈：{n}还重要吗
从零开始{w}{n}
""")
EVENT_TITLES = _w("""
{z}沙龙第{k}期：{n}
{n}工作坊
线上分享：{n}与{n}
{z}主题茶话会：聊聊{n}
{z}线下聚会·{n}
{n}实操课
""")

SURNAMES = _w("""王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐
    许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔
    钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 方 白 邹 孟 熊 秦 邱 江 尹 薛 段 雷 侯 龙 史 陶 黎 贺
    顾 毛 郝 龚 邵 万 钱 严 武 戴 莫 孔 向 汤 欧阳 司马 上官""")
GIVEN = _w("""伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 华 玉 萍 红 鹏
    飞 晨 琳 宇 浩 凯 婷 雪 慧 欣 颖 然 子 涵 梓 轩 博 文 思 雨 晗 嘉 怡 佳 琪 一 诺 宁 远
    舟 川 岚 航 瑶 昊 天 泽 楠 晓 峰 辰 睿 瑞 源 萌 冰 蕾 薇 悦 越 清 澜 彤 可 馨 语 安 乐
    言 之 朗 哲 禾 苗 青 松 竹 梅 兰 书 墨 星 月 阳 海 山 林 森 正 德 立 志 成 建 国 春 秋""")
ENGLISH_NAMES = _w("""Alex Amy Ben Bella Chris Cindy David Daisy Eric Emma Frank Grace
    Henry Iris Jack Jenny Kevin Leo Lily Lucas Mia Nina Oscar Peter Ray Rose Sam Sophie
    Tom Tony Vicky Will Yuki Zoe Echo Ivy Max Luna Jason Coco Allen Sunny Vincent Kiki""")
NICKNAMES = _w("""木头 咖啡猫 半糖 夜航船 山海 北极熊 大橘 小满 老猫 松鼠 蓝莓 橙子 土豆
    西瓜 柠檬 青蛙 海豚 鲸鱼 麦田 稻草人 风筝 白开水 冰美式 芝士 胖虎 小鹿 兔子 狐狸
    刺猬 企鹅 考拉 团子 饭团 豆包 闪电 流星 路人甲 旅人 过客 无名氏 夏天 晚风 橘子汽水""")
PEN_CHARS = _w("青 禾 远 山 南 风 北 辰 江 月 听 雨 半 夏 知 秋 素 心 清 欢 云 舒 墨 白 野 鹤")
RESERVED = _w("注意 举例 补充 提示 说明 主持人 嘉宾 全体成员 群主 管理员 所有人")

ORGS = _w("""星云科技 青禾教育 北辰设计工作室 自由职业 蓝鲸出版社 云杉医院 栖木家具
    松果电子 某高校 某银行 南山中学 拾光书店 远帆物流 小满咖啡 山海文旅 在读研究生""")
JOBS = _w("""后端工程师 产品经理 设计师 编辑 教师 摄影师 木匠 硬件工程师 创业者 全职妈妈
    记者 医生 会计 研究员 学生 自由撰稿人 咖啡师 健身教练 运营 销售 前端工程师 律师""")
CITIES = _w("北京 上海 广州 深圳 杭州 成都 南京 武汉 西安 苏州 厦门 长沙 重庆 天津")
VENUES = _w("""拾光书店 木兰咖啡 星河共享空间 梧桐社区中心 南门创客空间 半山茶舍
    小满工作室 青年文化馆 老厂房艺术区 河畔图书馆""")
GROUP_NAMES = _w("""读书会 码农茶馆 产品夜话 创业者联盟 光影摄影社 周末木工坊 电子DIY
    健身打卡群 育儿交流群 写作营 音乐角 背包客栈 厨房实验室 设计下午茶 终身学习群 城市漫游""")
RULES = _w("""
请把群昵称改为“城市-职业-昵称”的格式，方便大家认识彼此。
禁止发布广告、拉票和砍价链接，违者移出群聊。
讨论以本群主题为主，闲聊请适度，刷屏请移步小群。
分享实录由管理员整理发布，转载请注明出处。
尊重他人观点，对事不对人，禁止人身攻击。
不讨论与本群无关的敏感话题。
固定分享时间为每周三晚八点，请提前十分钟进群。
分享期间请勿插话，问题留到问答环节统一提出。
新人入群请在三天内做一段自我介绍。
半年以上没有任何发言的成员，管理员会定期清理。
群内资料仅供成员学习交流，未经同意不得外传。
发布招聘信息请先联系管理员，每人每月限一次。
晚上十一点以后请尽量避免刷屏。
遇到争议请私聊管理员，不要在群里互相指责。
提问前请先翻一翻群公告和历史实录。
线下活动报名后无法参加，请提前告知组织者。
嘉宾的课件和录音，需经本人同意才能公开。
欢迎推荐新成员，推荐人请对新成员做简单介绍。
禁止转发未经证实的消息。
红包仅限节日和活动期间，不得用于拉人或广告。
引用图片和文章请注明来源，尊重版权。
管理员有权删除违反群规的内容，并在群公告中说明。
""")
RULE_NOTES = _w(
    "初版 新增广告条款 调整分享时间 合并重复条款 增加线下活动说明 修改措辞 新增版权条款"
)
# fmt: on


def name_key(name: str) -> str:
    """Names compare as the hub compares them: NFKC, case-folded."""
    return unicodedata.normalize("NFKC", name).casefold()


def zipf_cum(size: int, exponent: float = 1.0, scale: float = 1.0) -> list[float]:
    """Cumulative Zipf weights, so `random.choices` draws rank r about 1/r as often."""
    total = 0.0
    cum = []
    for rank in range(1, size + 1):
        total += scale / rank**exponent
        cum.append(total)
    return cum


def table(words: Sequence[T], cum: Sequence[float], size: int = 1024) -> list[T]:
    """Exactly `size` entries, each word repeated in proportion to its weight (at least
    once): uniform draws from it are weighted draws, without per-draw bisection."""
    if len(words) > size:
        raise ValueError(f"{len(words)} words do not fit a table of {size}")
    counts = [max(1, round(weight / cum[-1] * size)) for weight in _diffs(list(cum))]
    # Settle rounding on the most frequent words (pools are listed by rank).
    for rank in itertools.islice(itertools.cycle(range(len(counts))), abs(size - sum(counts))):
        counts[rank] += 1 if sum(counts) < size else -1
    return [word for word, count in zip(words, counts, strict=True) for _ in range(count)]


def _compile(templates: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Templates as (format string, slot letters): filling them is the hot loop."""
    return [(re.sub(r"\{\w\}", "{}", t), tuple(re.findall(r"\{(\w)\}", t))) for t in templates]


_STATIC: dict[str, Sequence[str]] = {
    "p": PEOPLE, "v": VERBS, "w": BARE_VERBS, "a": ADJECTIVES, "d": ADVERBS,
    "c": CONNECTIVES, "m": SPANS, "k": NUMBERS, "i": INTERJECTIONS,
}  # fmt: skip
_TEMPLATES = {
    "s": _compile(SENTENCES),
    "q": _compile(QUESTIONS),
    "t": _compile(TITLES),
    "x": _compile(EVENT_TITLES),
}


class Babbler:
    """Seeded Chinese text maker; all randomness comes from the run's one `Random`.

    Every slot is an endless C-level iterator over draws made in batches, and `focus`
    binds each template to the iterators of its slots, so a sentence costs one
    `str.format(*map(next, …))`: 10,000 documents are ~60 MB of text. Closed word classes
    and templates index 256-entry tables with random bytes (cheapest); topic words, whose
    long Zipf tail needs finer weights, use `choices` on 1024-entry tables.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._streams: dict[str, Iterator] = {
            key: self._bytes_stream(table(pool, zipf_cum(len(pool), 0.7), 256))
            for key, pool in _STATIC.items()
        }
        self._picks = {
            kind: self._bytes_stream(table(range(len(t)), range(1, len(t) + 1), 256))
            for kind, t in _TEMPLATES.items()
        }
        self._general_tags = zipf_cum(len(GENERAL_TAGS))
        self._focused: dict[tuple[str, str], dict[str, list[Bound]]] = {}
        self._bound: dict[str, list[Bound]] = {}
        self.focus(TOPICS[0], TOPICS[1])

    def _stream(self, population: Sequence, batch: int) -> Iterator:
        draw = functools.partial(self.rng.choices, population, k=batch)
        return itertools.chain.from_iterable(iter(draw, None))

    def _bytes_stream(self, population: list) -> Iterator:
        """Uniform draws from a table of exactly 256 entries, indexed by random bytes."""
        pick, randbytes = population.__getitem__, self.rng.randbytes
        return itertools.chain.from_iterable(iter(lambda: map(pick, randbytes(256)), None))

    def focus(self, main: Topic, side: Topic) -> None:
        """Aim noun and English slots at a document's topics (side topic ~1/8 as often).

        Streams and bound templates are kept per topic pair, so refocusing is a lookup.
        """
        if (main.key, side.key) not in self._focused:
            streams = dict(self._streams, z=itertools.repeat(main.zh))
            for slot, first, second, extra, batch in (
                ("n", main.nouns, side.nouns, GENERAL_NOUNS, 256),
                ("e", main.english, side.english, GENERAL_ENGLISH, 16),
            ):
                weights = (
                    *_diffs(zipf_cum(len(first))),
                    *_diffs(zipf_cum(len(second), scale=0.12)),
                    *_diffs(zipf_cum(len(extra), scale=0.4)),
                )
                cum = list(itertools.accumulate(weights))
                streams[slot] = self._stream(table((*first, *second, *extra), cum), batch)
            self._focused[main.key, side.key] = {
                kind: [(form, tuple(streams[slot] for slot in slots)) for form, slots in templates]
                for kind, templates in _TEMPLATES.items()
            }
        self._bound = self._focused[main.key, side.key]

    def person_name(self, taken: set[str]) -> str:
        """A Chinese name (surname + one or two given characters) not yet in `taken`."""
        rng = self.rng
        while True:
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))
            if name_key(name) not in taken:
                taken.add(name_key(name))
                return name

    def alias(self, name: str, taken: set[str]) -> str:
        """A 群昵称 or 笔名 that no member uses as id, name or alias (added to `taken`)."""
        rng = self.rng
        for attempt in itertools.count():
            kind = rng.randrange(5)
            if kind == 0:
                alias = rng.choice("阿小老") + rng.choice((name[0], name[-1], name[-1]))
            elif kind == 1:
                letter, number = rng.choice("ABCDHLWXYZ"), rng.randint(1, 99)
                alias = rng.choice(ENGLISH_NAMES) + rng.choice(("", "", f".{letter}", f"_{number}"))
            elif kind == 2:
                alias = rng.choice(NICKNAMES)
            else:
                alias = "".join(rng.sample(PEN_CHARS, 2))
            alias += str(rng.randint(2, 999)) if attempt > 20 else ""
            if name_key(alias) not in taken:
                taken.add(name_key(alias))
                return alias
        raise AssertionError("unreachable")  # pragma: no cover

    def tags(self, topic: Topic) -> list[str]:
        """One to three of the topic's tags, sometimes a general one, Zipf-weighted."""
        rng = self.rng
        picks = rng.choices(topic.tags, cum_weights=zipf_cum(len(topic.tags)), k=3)
        tags = picks[: rng.randint(1, 3)]
        if rng.random() < 0.4:
            tags += rng.choices(GENERAL_TAGS, cum_weights=self._general_tags)
        return list(dict.fromkeys(tags))

    def quote(self, who: str | None) -> str:
        """A blockquote, attributed in its last line when `who` is given."""
        line = f"> {self.fill()}"
        if who is None:
            return line
        return f"{line}\n> {self.rng.choice(('—— ', '—— ', '——', '-- '))}{who}"

    def take(self, slot: str) -> str:
        """The next word for a slot letter (see `_STATIC`)."""
        return next(self._streams[slot])

    def fill(self, kind: str = "s") -> str:
        """One sentence (`s`), question (`q`), title (`t`) or event title (`x`)."""
        form, slots = self._bound[kind][next(self._picks[kind])]
        return form.format(*map(next, slots))

    def sentences(self, low: int, high: int) -> str:
        """A paragraph of `low`..`high` sentences."""
        bound, pick = self._bound["s"], self._picks["s"]
        count = self.rng.randint(low, high)
        chosen = [bound[next(pick)] for _ in range(count)]
        return "".join([form.format(*map(next, slots)) for form, slots in chosen])


def _diffs(cum: list[float]) -> list[float]:
    return [b - a for a, b in zip([0.0, *cum], cum, strict=False)]
