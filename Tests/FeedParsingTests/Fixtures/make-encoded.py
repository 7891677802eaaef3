"""Writes the fixtures whose bytes are not plain UTF-8 text, so the bytes are real encodings
(Python's codecs, not an editor's guess). Run from this folder: python3 make-encoded.py"""
import codecs

def rss(title, link, items, declaration=None, lang="zh-cn"):
    head = "" if declaration is False else (
        '<?xml version="1.0"?>\n' if declaration is None else
        '<?xml version="1.0" encoding="%s"?>\n' % declaration)
    body = "".join(
        "<item>\n<title>%s</title>\n<link>%s</link>\n<description>%s</description>\n"
        "<pubDate>%s</pubDate>\n</item>\n" % item for item in items)
    return (head + '<rss version="2.0">\n<channel>\n<title>%s</title>\n<link>%s</link>\n'
            "<description>%s</description>\n<language>%s</language>\n%s</channel>\n</rss>\n"
            % (title, link, title, lang, body))

# Simplified Chinese financial news (GB2312 covers every character).
zh_items = [
    ("央行开展1000亿元MLF操作 中标利率下降10个基点", "http://finance.example.cn/2022/01/17/mlf.html",
     "中国人民银行今日开展1000亿元中期借贷便利操作，中标利率为2.85%，较上期下降10个基点。",
     "Mon, 17 Jan 2022 09:20:00 +0800"),
    ("沪指收涨0.62% 券商板块领涨", "http://finance.example.cn/2022/01/17/market.html",
     "截至收盘，上证指数报3541.67点，深证成指报14199.72点，两市成交额超过1.1万亿元。",
     "Mon, 17 Jan 2022 15:05:00 +0800"),
]

def write(name, text, encoding, bom=b""):
    with open(name, "wb") as f:
        f.write(bom + text.encode(encoding))

write("utf8.xml", rss("财经新闻", "http://finance.example.cn/", zh_items, "UTF-8"), "utf-8")
write("utf8-bom.xml", rss("财经新闻（带BOM）", "http://finance.example.cn/", zh_items, "UTF-8"),
      "utf-8", codecs.BOM_UTF8)
write("utf16le-bom.xml", rss("财经新闻 UTF-16LE", "http://finance.example.cn/", zh_items, "UTF-16"),
      "utf-16-le", codecs.BOM_UTF16_LE)
write("utf16be-bom.xml", rss("财经新闻 UTF-16BE", "http://finance.example.cn/", zh_items, "UTF-16"),
      "utf-16-be", codecs.BOM_UTF16_BE)
write("gb2312.xml", rss("证券时报网 GB2312", "http://stock.example.cn/", zh_items, "gb2312"), "gb2312")

# GBK beyond GB2312: 朱镕基 (镕), 喆 and 堃 are in GBK only.
gbk_items = [
    ("朱镕基：金融改革要稳中求进", "http://gbk.example.cn/2022/01/zhu.html",
     "张喆、李堃两位分析师认为，银行间市场流动性保持合理充裕。", "Fri, 14 Jan 2022 10:00:00 +0800"),
    ("人民币对美元中间价报6.3542 上调64个基点", "http://gbk.example.cn/2022/01/cny.html",
     "中国外汇交易中心公布，人民币对美元汇率中间价报6.3542，较前一交易日上调64个基点。",
     "Fri, 14 Jan 2022 09:15:00 +0800"),
]
write("gbk-no-encoding.xml", rss("汇市快讯 无编码声明", "http://gbk.example.cn/", gbk_items, None), "gbk")
write("gbk-no-declaration.xml", rss("汇市快讯 无XML声明", "http://gbk.example.cn/", gbk_items, False), "gbk")
write("gbk-declared-utf8.xml", rss("汇市快讯 误标UTF-8", "http://gbk.example.cn/", gbk_items, "UTF-8"), "gbk")
# Served with `Content-Type: application/rss+xml; charset=gbk` (see fixtures.json): HTTP wins.
write("http-charset-gbk.xml", rss("汇市快讯 HTTP字符集", "http://gbk.example.cn/", gbk_items, "ISO-8859-1"), "gbk")

# GB18030 four-byte sequences: 䶮 (U+4DAE, CJK Ext. A) and 📈 (U+1F4C8).
gb18030_items = [
    ("📈 A股三大指数集体高开 创业板指涨1.2%", "http://gb18030.example.cn/2022/01/open.html",
     "早盘沪指高开0.35%，深成指高开0.58%，新能源汽车板块领涨。", "Tue, 18 Jan 2022 09:30:00 +0800"),
    ("刘䶮控股发布业绩预告 净利润同比增长35%", "http://gb18030.example.cn/2022/01/results.html",
     "公司预计2021年度归属于上市公司股东的净利润为12.5亿元至13.2亿元。", "Tue, 18 Jan 2022 18:00:00 +0800"),
]
write("gb18030.xml", rss("行情播报 GB18030", "http://gb18030.example.cn/", gb18030_items, "GB18030"), "gb18030")

# Traditional Chinese in Big5 (Taiwan market news).
big5_items = [
    ("台股收盤上漲152點 台積電創新高", "http://big5.example.tw/2022/01/taiex.html",
     "加權指數終場上漲152.38點，收在18,525.44點，成交金額新台幣3,215億元。", "Mon, 17 Jan 2022 13:45:00 +0800"),
    ("央行理監事會維持利率不變", "http://big5.example.tw/2022/01/cbc.html",
     "中央銀行宣布重貼現率維持1.125%，符合市場預期。", "Mon, 17 Jan 2022 16:30:00 +0800"),
]
write("big5.xml", rss("財經新聞 Big5", "http://big5.example.tw/", big5_items, "Big5", "zh-tw"), "big5")

# Western Europe: ISO-8859-1 and windows-1252 (smart quotes, euro sign, dashes in 0x80–0x9F).
latin_items = [
    ("Börse: DAX schließt über 16.000 Punkten", "http://boerse.example.de/2022/01/dax.html",
     "Der Leitindex gewann 0,8 % – Anleger in Frankfurt, Zürich und Genève waren zufrieden. Preis: 12 £.",
     "Mon, 17 Jan 2022 17:40:00 +0100"),
]
write("iso-8859-1.xml", rss("Börsennachrichten", "http://boerse.example.de/",
      [(t, l, d.replace("–", "-"), p) for t, l, d, p in latin_items], "ISO-8859-1", "de"), "latin-1")
cp_items = [
    ("Euro climbs to \u20ac1.14 \u2014 \u201cstrongest week\u201d", "http://markets.example.fr/2022/01/euro.html",
     "Traders\u2019 view: the \u20ac gained 0.5% \u2013 caf\u00e9 owners cheered\u2026", "Fri, 14 Jan 2022 18:00:00 +0100"),
]
write("windows-1252.xml", rss("March\u00e9s \u2022 Daily", "http://markets.example.fr/", cp_items,
      "windows-1252", "fr"), "cp1252")
# Labelled ISO-8859-1 but written by Word in windows-1252: the label is read as windows-1252.
write("iso-8859-1-smart-quotes.xml", rss("Wall Street \u201cWeekly\u201d", "http://wsw.example.com/", [
    ("Stocks rally \u2014 \u201crisk-on\u201d returns", "http://wsw.example.com/2022/01/rally.html",
     "Investors\u2019 mood lifted; the \u20ac and \u00a3 slipped\u2026", "Fri, 14 Jan 2022 21:00:00 GMT"),
], "ISO-8859-1", "en"), "cp1252")
# windows-1252 with no declaration at all: not UTF-8, not GB18030, so windows-1252.
write("windows-1252-undeclared.xml", rss("Caf\u00e9 Markets", "http://cafe.example.fr/", [
    ("\u201cR\u00e9sum\u00e9\u201d of the week \u2013 \u20ac zone", "http://cafe.example.fr/2022/01/resume.html",
     "Na\u00efve forecasts \u2026 missed.", "Fri, 14 Jan 2022 18:00:00 +0100"),
], None, "fr"), "cp1252")
# UTF-8 saved by .NET's XmlWriter over a StringWriter: declared utf-16, no BOM, bytes UTF-8.
write("utf8-declared-utf16.xml", rss("美股收盘 UTF-16声明", "http://dotnet.example.cn/", [
    ("道指收涨0.6% 纳指创新高", "http://dotnet.example.cn/2022/01/dow.html",
     "美国三大股指周五集体收涨，科技股领涨。", "Fri, 14 Jan 2022 21:05:00 GMT"),
], "utf-16"), "utf-8")
# Undeclared 8-bit text that is neither GB18030 nor windows-1252 (0x81 is undefined there, a
# stray byte from a broken CMS export): read as ISO-8859-1 rather than lost.
with open("undeclared-8bit.xml", "wb") as f:
    f.write(rss("Caf\u00e9 Bourse", "http://bourse.example.fr/", [
        ("March\u00e9 \u00e0 la hausse", "http://bourse.example.fr/2022/01/hausse.html",
         "Le CAC 40 gagne 0,9 %\u0081 en s\u00e9ance.", "Fri, 14 Jan 2022 17:45:00 +0100"),
        ("Deuxi\u00e8me article", "http://bourse.example.fr/2022/01/deux.html",
         "Toujours lisible.", "Fri, 14 Jan 2022 18:00:00 +0100"),
    ], None, "fr").encode("latin-1"))
