"""Contacts are masked by kind; dates, times, prices and years are not."""

from __future__ import annotations

import pytest

from qunzhi.importer.cleaning import system_kind
from qunzhi.importer.redact import Redactor


@pytest.mark.parametrize(
    ("text", "masked", "kind"),
    [
        ("电话 13812345678", "电话 〔手机号已隐藏〕", "mobile"),
        ("电话 138 1234 5678。", "电话 〔手机号已隐藏〕。", "mobile"),
        ("电话 138-1234-5678", "电话 〔手机号已隐藏〕", "mobile"),
        ("电话+86 139 1234 5678", "电话〔手机号已隐藏〕", "mobile"),
        ("电话 +86-13912345678", "电话 〔手机号已隐藏〕", "mobile"),
        ("写信到 li.hong+book@mail.example.cn 吧", "写信到 〔邮箱已隐藏〕 吧", "e-mail"),
        ("QQ：12345678", "QQ：〔QQ号已隐藏〕", "QQ"),
        ("加我qq 87654321", "加我qq 〔QQ号已隐藏〕", "QQ"),
        ("扣扣号是 5566778", "扣扣号是 〔QQ号已隐藏〕", "QQ"),
        ("QQ/微信：123456789", "QQ/微信：〔QQ号已隐藏〕", "QQ"),
        ("QQ/微信同号：123456789", "QQ/微信同号：〔QQ号已隐藏〕", "QQ"),
        ("QQ（微信同号）：123456789", "QQ（微信同号）：〔QQ号已隐藏〕", "QQ"),
        ("扣扣/vx 123456789", "扣扣/vx 〔QQ号已隐藏〕", "QQ"),
        ("QQ和微信都是 12345678", "QQ和微信都是 〔QQ号已隐藏〕", "QQ"),
        ("微信号：hong_2016", "微信号：〔微信号已隐藏〕", "WeChat"),
        ("vx：Lixh-88", "vx：〔微信号已隐藏〕", "WeChat"),
        ("V信 abc_12345 聊", "V信 〔微信号已隐藏〕 聊", "WeChat"),
        ("我是 wxid_a1b2c3d4e5", "我是 〔微信号已隐藏〕", "WeChat"),
    ],
)
def test_each_kind_is_masked_and_counted(text, masked, kind):
    redactor = Redactor()

    assert redactor.redact(text) == masked
    assert dict(redactor.counts) == {kind: 1}


@pytest.mark.parametrize(
    "text",
    [
        "2016-01-03 20:00 开始，2016/1/3 也行",
        "门票 138 元，押金 12345678 分之一的概率",
        "1999 年出版，2016 年再版，共 13800 字",
        "订单号 13812345678901 不是手机号",
        "会议室 20:30-21:45，房间 1308",
        "QQ群 12345678 是公开的群号",
        "QQ/微信群 12345678 也是群号",
        "QQ/微信 2016 年就有了",
        "在群里说一句：微信读书很好用",
    ],
)
def test_dates_times_prices_years_are_left_alone(text):
    redactor = Redactor()

    assert redactor.redact(text) == text
    assert not redactor.counts


def test_the_exports_own_ids_are_masked_anywhere():
    redactor = Redactor(["10001", "lu@example.net"])

    assert redactor.redact("找 10001 或 lu@example.net，别找 100012") == (
        "找 〔QQ号已隐藏〕 或 〔邮箱已隐藏〕，别找 100012"
    )
    assert dict(redactor.counts) == {"QQ": 1, "e-mail": 1}


@pytest.mark.parametrize(
    "text",
    [
        "门票 ¥10001 元",
        "门票 ￥ 10001",
        "花了 10001.50 块",
        "预算 10001元",
        "预算 10001 万元",
        "涨了 10001%",
        "一共 1,10001 人",
    ],
)
def test_an_exports_own_qq_number_is_left_alone_as_an_amount_of_money(text):
    redactor = Redactor(["10001"])

    assert redactor.redact(text) == text
    assert not redactor.counts


def test_an_exports_own_qq_number_is_masked_before_other_words():
    redactor = Redactor(["10001"])

    assert redactor.redact("找 10001，10001 万一找不到就算了") == (
        "找 〔QQ号已隐藏〕，〔QQ号已隐藏〕 万一找不到就算了"
    )
    assert dict(redactor.counts) == {"QQ": 2}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("阿强加入本群。", "joined the group"),
        ('"阿强"通过扫描"老王"分享的二维码加入群聊', "joined the group"),
        ('"小红"邀请"路人乙"加入了群聊', "joined the group"),
        ("路人乙退出了群聊", "left the group"),
        ('"老王"将"路人乙"移出了群聊', "left the group"),
        ('"阿强" 撤回了一条消息', "recalled a message"),
        ("你撤回了一条消息 重新编辑", "recalled a message"),
        ("[红包]恭喜发财，大吉大利", "red packet"),
        ("小红领取了老王的红包", "red packet"),
        ('"老王" 拍了拍 "小红"', "pat-pat"),
        ('我拍了拍"老王"的肩膀', "pat-pat"),
        ("老王修改群名为“读书角·二群”", "other system line"),
        ("—— 以下是新消息 ——", "other system line"),
        ("欢迎新朋友加入本群！", None),
        ("他拍了拍我的肩膀说加油", None),
        ("我撤回了刚才那句话，重新说", None),
        ("群里的红包我都没抢到", None),
    ],
)
def test_system_lines_by_kind_and_people_s_words_kept(line, kind):
    assert system_kind(line) == kind
