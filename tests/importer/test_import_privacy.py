"""Every personal number and address is masked in every writing; the words around it stay.

Chinese text is a boundary (``加我20002``), full-width forms are folded first
(``１３８…``, ``＠．``), URLs keep working, and the report never prints what it hides.
"""

from __future__ import annotations

import pytest
from test_import_formats import split_draft

from qunzhi.importer.redact import Redactor, id_card_valid, luhn_valid

MOBILE, PHONE, MAIL = "〔手机号已隐藏〕", "〔电话已隐藏〕", "〔邮箱已隐藏〕"
QQ, WX, ID, CARD = "〔QQ号已隐藏〕", "〔微信号已隐藏〕", "〔身份证号已隐藏〕", "〔银行卡号已隐藏〕"


@pytest.mark.parametrize(
    ("text", "masked", "kind"),
    [
        # mobiles: full-width, dots, spaces, dashes, +86 and 0086, touching Chinese
        ("电话１３８１２３４５６７８吧", f"电话{MOBILE}吧", "mobile"),
        ("手机 138.1234.5678 谢谢", f"手机 {MOBILE} 谢谢", "mobile"),
        ("打 138 1234 5678。", f"打 {MOBILE}。", "mobile"),
        ("打 138-1234-5678", f"打 {MOBILE}", "mobile"),
        ("拨+86 139 1234 5678好了", f"拨{MOBILE}好了", "mobile"),
        ("拨0086-13912345678", f"拨{MOBILE}", "mobile"),
        ("拨（+86）13912345678", f"拨{MOBILE}", "mobile"),
        ("我的号13812345678结束", f"我的号{MOBILE}结束", "mobile"),
        ("手机：＋８６　１３９－１２３４－５６７８", f"手机：{MOBILE}", "mobile"),
        # landlines and numbers abroad
        ("座机 010-62345678", f"座机 {PHONE}", "phone"),
        ("电话：(021) 6234 5678", f"电话：{PHONE}", "phone"),
        ("办公室0571-88886666转8", f"办公室{PHONE}转8", "phone"),
        ("电话 62345678", f"电话 {PHONE}", "phone"),
        ("多伦多 +1 416 555 0199 找我", f"多伦多 {PHONE} 找我", "phone"),
        # e-mail: full-width ＠．, Chinese before and after, internationalised names
        ("写信 name＠qq．com 吧", f"写信 {MAIL} 吧", "e-mail"),
        ("发到xm@example.com", f"发到{MAIL}", "e-mail"),
        ("请发到名字@例子.中国", f"请发到{MAIL}", "e-mail"),
        ("邮箱是李雷@邮件.公司谢谢", f"邮箱是{MAIL}谢谢", "e-mail"),
        ("投稿 li.hong+book@mail.example.cn，谢谢", f"投稿 {MAIL}，谢谢", "e-mail"),
        ("xm@xn--fsqu00a.xn--fiqs8s 也行", f"{MAIL} 也行", "e-mail"),
        # QQ numbers: labels, full-width digits, touching Chinese
        ("QQ号是 １２３４５６７８", f"QQ号是 {QQ}", "QQ"),
        ("加我20002", f"加我{QQ}", "QQ"),
        ("我的号20002结束", f"我的号{QQ}结束", "QQ"),
        ("QQ12345678", f"QQ{QQ}", "QQ"),
        ("加我qq87654321好吗", f"加我qq{QQ}好吗", "QQ"),
        ("扣扣：5566778", f"扣扣：{QQ}", "QQ"),
        # WeChat ids in every spelling
        ("微信号hong_2016加我", f"微信号{WX}加我", "WeChat"),
        ("威信 abc_12345", f"威信 {WX}", "WeChat"),
        ("薇信：lixh-88", f"薇信：{WX}", "WeChat"),
        ("加我V：hong_2016", f"加我V：{WX}", "WeChat"),
        ("V：hong_2016 备注读书", f"V：{WX} 备注读书", "WeChat"),
        ("vx hong2016", f"vx {WX}", "WeChat"),
        ("wx：hong_2016好", f"wx：{WX}好", "WeChat"),
        ("ＶＸ：ｈｏｎｇ＿２０１６", f"ＶＸ：{WX}", "WeChat"),
        # ID card (check digit) and bank card (Luhn)
        ("身份证 11010519491231002X", f"身份证 {ID}", "ID card"),
        ("身份证号110105194912310021x", "身份证号110105194912310021x", None),  # 19 characters
        ("银行卡 6222 0212 3456 7894", f"银行卡 {CARD}", "bank card"),
        ("卡号6222021234567894转账", f"卡号{CARD}转账", "bank card"),
        # tokens in URL queries: the URL stays a URL
        (
            "报名 https://ex.com/s?id=8&token=ab12cd34&from=qq 速填",
            "报名 https://ex.com/s?id=8&token=REDACTED&from=qq 速填",
            "URL token",
        ),
        ("https://ex.com/p?x=aB3dE5fG7hJ9kL1mN2pQ4r", "https://ex.com/p?x=REDACTED", "URL token"),
        (
            "见https://ex.com/a?phone=13812345678。",
            "见https://ex.com/a?phone=REDACTED。",
            "URL token",
        ),
    ],
)
def test_each_kind_in_each_writing_is_masked_and_the_words_stay(text, masked, kind):
    redactor = Redactor(["20002"] if "20002" in text else [])

    assert redactor.redact(text) == masked
    assert dict(redactor.counts) == ({kind: 1} if kind else {})


TEN_LINES = [
    "2016-01-03 20:00 开始，2016/1/3 也行，20160103 是日期",
    "2016年1月3日 晚上8点，20:30:15 到 21:45",
    "门票 ¥138，团购 1380.00 元，押金 ￥12345678",
    "1999 年出版，2016 年再版，共 13800 字",
    "订单号 123456，取件码 654321",
    "订单号 2016010312345678901 不是手机号",
    "https://example.com/2016/01/13812345678.html?id=20002&page=2",
    "ISBN 978-7-108-01234-5，版本 v13.8.1234",
    "房间 1308，分机 6234，第 13812 期，比分 +3",
    "身份证号 110105194912310021 校验位不对，卡号 6222021234567895 也不对",
]


@pytest.mark.parametrize("line", TEN_LINES)
def test_ten_lines_that_must_not_be_masked(line):
    redactor = Redactor(["20002"])

    assert redactor.redact(line) == line
    assert not redactor.counts


@pytest.mark.parametrize(
    ("number", "valid"),
    [("11010519491231002X", True), ("110105194912310021", False), ("110105194912310020", False)],
)
def test_the_id_card_check_digit(number, valid):
    assert id_card_valid(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [("6222021234567894", True), ("6222021234567895", False), ("0000000000000000", False)],
)
def test_the_luhn_sum(number, valid):
    assert luhn_valid(number) is valid


def test_the_report_prints_masked_values_only(site, qunzhi, chat):
    chat(
        "qq.txt",
        "2016-01-03 20:01:30 卖书的13912345678(56781234)\n二手书低价转让，加我56781234\n\n"
        "2016-01-03 20:02:00 xm＠example．com(66778899)\n收到\n",
    )

    result = qunzhi(site, "import", "qq.txt", "--dry-run")

    assert result.code == 0, result.err
    for secret in ("13912345678", "56781234", "66778899", "xm＠example．com"):
        assert secret not in result.out + result.err
    assert f"  卖书的{MOBILE} (QQ {QQ}) → unknown, kept as written, 1 turn" in result.lines
    assert f"  {MAIL} (QQ {QQ}) → unknown, kept as written, 1 turn" in result.lines
    assert split_draft(result.out)[1] == (
        f"[20:01] 卖书的{MOBILE}：二手书低价转让，加我{QQ}\n\n[20:02] {MAIL}：收到\n"
    )


def test_keep_contacts_shows_them_in_the_report_too(site, qunzhi, chat):
    chat("qq.txt", "2016-01-03 20:01:30 老王(10001)\n你好\n")

    result = qunzhi(site, "import", "qq.txt", "--dry-run", "--keep-contacts")

    assert "  老王 (QQ 10001) → wangjianguo (alias), 1 turn" in result.lines


def test_a_file_mixing_utf8_and_gbk_lines_is_decoded_line_by_line(site, qunzhi, chat):
    data = (
        "2016-01-10 20:30:00 老王\n".encode()
        + "欢迎大家，今天聊《乡土中国》。\n".encode("gbk")
        + "2016-01-10 20:31:00 小红\n".encode("gbk")
        + "我先说：差序格局这个词太妙了。\n".encode()
    )
    chat("mixed.txt", data)

    result = qunzhi(site, "import", "mixed.txt", "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        "[20:30] 王建国：欢迎大家，今天聊《乡土中国》。\n\n"
        "[20:31] 李小红：我先说：差序格局这个词太妙了。\n"
    )
    assert result.lines[:2] == [
        "read mixed.txt: WeChat chat text (wechat, mixed), 2 messages",
        "encoding: mixed, decoded line by line: 2 UTF-8 lines, 2 GB18030 lines",
    ]


def test_anonymise_names_speakers_who_are_not_members(site, qunzhi, chat):
    chat(
        "wx.txt",
        "2016-01-10 20:30:00 老王\n欢迎！\n2016-01-10 20:31:00 阿强\n@路人乙 你也来了\n"
        "2016-01-10 20:32:00 路人乙\n@阿强 是的\n2016-01-10 20:33:00 阿强\n@小红 你好\n",
    )

    result = qunzhi(site, "import", "wx.txt", "--anonymise", "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert front["speakers"] == ["成员A", "王建国", "成员B"]
    assert body == (
        "[20:30] 王建国：欢迎！\n\n[20:31] 成员A：@成员B 你也来了\n\n"
        "[20:32] 成员B：@成员A 是的\n\n[20:33] 成员A：@李小红 你好\n"
    )
    assert "阿强" not in result.out and "路人乙" not in result.out


def test_account_ids_of_other_platforms_are_not_masked_as_qq_numbers(site, qunzhi, chat):
    chat(
        "dc.json",
        '{"guild": {"name": "读书"}, "channel": {"name": "读书角"}, "messages": [{"id": "1", '
        '"type": "Default", "timestamp": "2016-01-10T20:30:00+08:00", "content": "在 101 教室", '
        '"author": {"id": "101", "name": "laowang", "nickname": "老王"}}]}',
    )

    result = qunzhi(site, "import", "dc.json", "--dry-run")

    assert split_draft(result.out)[1] == "[20:30] 王建国：在 101 教室\n"


def test_a_reply_quoting_a_phone_number_is_masked_before_it_is_shortened(site, qunzhi, chat):
    said = "这是一句很长很长的开场白，说完了再告诉大家我的电话 13912345678 谢谢"
    chat(
        "tg.json",
        '{"name": "读书角", "type": "private_supergroup", "messages": ['
        f'{{"id": 1, "type": "message", "date_unixtime": "1452429000", "from": "老王", '
        f'"from_id": "u1", "text": "{said}"}}, '
        '{"id": 2, "type": "message", "date_unixtime": "1452429060", "from": "小红", '
        '"from_id": "u2", "text": "收到", "reply_to_message_id": 1}]}',
    )

    result = qunzhi(site, "import", "tg.json", "--dry-run")

    assert result.code == 0, result.err
    reply = split_draft(result.out)[1].split("\n\n")[1]
    shown = said.replace("13912345678", MOBILE)[:29] + "…"  # 30 characters, masked first
    assert reply == f"[20:31] 李小红：〔回复 王建国「{shown}」〕"
    assert "1391" not in result.out
