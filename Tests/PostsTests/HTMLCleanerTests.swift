import Testing
import TestSupport
import HTMLCleaning

/// What reaches a feed reader from a post's HTML: absolute links, nothing that runs, valid XML text.
@Suite struct HTMLCleanerTests {
    static let cleaner = HTMLCleaner(base: "https://example.com/2022/01/14/post.html")

    static func clean(_ html: String) -> String { cleaner.clean(html).html }

    static let urls: [(String, String)] = [
        ("<img src=\"img/x.png\" alt=\"x\">", "<img src=\"https://example.com/2022/01/14/img/x.png\" alt=\"x\" />"),
        ("<a href=\"../x.html\">up</a>", "<a href=\"https://example.com/2022/01/x.html\">up</a>"),
        ("<a href=\"/a\">root</a>", "<a href=\"https://example.com/a\">root</a>"),
        ("<a href=\"//host/p\">host</a>", "<a href=\"https://host/p\">host</a>"),
        ("<a href=\"  other.html?q=1 \">t</a>", "<a href=\"https://example.com/2022/01/14/other.html?q=1\">t</a>"),
        ("<a href=\"#note-1\">1</a>", "<a href=\"#note-1\">1</a>"),
        ("<a href=\"mailto:a@example.com\">m</a>", "<a href=\"mailto:a@example.com\">m</a>"),
        ("<a href=\"http://other.org/x\">o</a>", "<a href=\"http://other.org/x\">o</a>"),
        ("<blockquote cite=\"/src\">q</blockquote>", "<blockquote cite=\"https://example.com/src\">q</blockquote>"),
        ("<img srcset=\"a.png 1x, /b.png 2x\">",
         "<img srcset=\"https://example.com/2022/01/14/a.png 1x, https://example.com/b.png 2x\" />"),
    ]

    @Test(arguments: urls)
    func linksBecomeAbsolute(html: String, expected: String) {
        #expect(Self.clean(html) == expected)
    }

    static let dangerous: [(String, String)] = [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ("<style>p { color: red }</style><p>x</p>", "<p>x</p>"),
        ("<p>v<iframe src=\"https://evil.example/\">fallback</iframe></p>", "<p>v</p>"),
        ("<p onclick=\"steal()\" class=\"c\">x</p>", "<p class=\"c\">x</p>"),
        ("<p style=\"background:url(javascript:x)\">x</p>", "<p>x</p>"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"vbscript:msgbox\">x</a>", "<a>x</a>"),
        ("<object data=\"x.swf\"><embed src=\"x.swf\"></object><p>ok</p>", "<p>ok</p>"),
        ("<form action=\"/post\"><input name=\"q\">text</form>", "text"),
        ("<!-- a comment --><p>x</p>", "<p>x</p>"),
        // A prefix does not smuggle a script past the policy (libxml2 names it `script`).
        ("<p>a<svg:script>alert(1)</svg:script>b<x:style>p {}</x:style></p>", "<p>ab</p>"),
    ]

    @Test(arguments: dangerous)
    func codeAndStylesAreRemoved(html: String, expected: String) {
        #expect(Self.clean(html) == expected)
    }

    static let dataURL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

    @Test func dataImageIsKeptOnImageSourcesOnly() {
        #expect(Self.clean("<img src=\"\(Self.dataURL)\" alt=\"dot\">") == "<img src=\"\(Self.dataURL)\" alt=\"dot\" />")
        #expect(Self.clean("<a href=\"\(Self.dataURL)\">x</a>") == "<a>x</a>")
        #expect(Self.clean("<img src=\"data:text/html;base64,PHNjcmlwdD4=\">") == "<img />")
        #expect(Self.clean("<video poster=\"\(Self.dataURL)\"></video>") == "<video></video>")
    }

    @Test func namedEntitiesBecomeCharacters() {
        let html = Self.clean("<p>a&nbsp;b&mdash;c &amp; d &lt;e&gt; &copy; &hellip;&#8217;&#x4E2D;</p>")
        #expect(html == "<p>a\u{A0}b—c &amp; d &lt;e&gt; © …’中</p>")
        #expect(!html.contains("&nbsp;"))
        #expect(!html.contains("&mdash;"))
    }

    @Test func charactersXMLForbidsAreDropped() {
        let html = Self.clean("<p title=\"t\u{1}t\">a\u{1}b\u{FFFE}c\u{FFFF}d\u{B}e</p>")
        #expect(html == "<p title=\"tt\">abcde</p>")
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF })
    }

    static let unclosed: [(String, String)] = [
        ("<p>one<p>two", "<p>one</p><p>two</p>"),
        ("<p>a <b>bold <i>both</p> after", "<p>a <b>bold <i>both</i></b></p> after"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("text</div></span>", "text"),
        ("<br><hr><img src=\"/i.png\">", "<br /><hr /><img src=\"https://example.com/i.png\" />"),
        ("<table><tr><td>1<td>2</table>", "<table><tr><td>1</td><td>2</td></tr></table>"),
        ("<a href=\"/x?a=1&b=2\">q</a>", "<a href=\"https://example.com/x?a=1&amp;b=2\">q</a>"),
        ("<p>5 < 6 & 7 > 3</p>", "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"),
        // Word's empty `<o:p>` had become a paragraph inside the paragraph (libxml2 drops prefixes).
        ("<p class=\"MsoNormal\">Word<o:p></o:p> text<O:P>&nbsp;</O:P></p>", "<p class=\"MsoNormal\">Word text\u{A0}</p>"),
        ("<p><st1:place w:st=\"on\">Beijing</st1:place> and <svg:a href=\"/x\">a</svg:a></p>", "<p>Beijing and a</p>"),
        // Only tag names are renamed: not an attribute's text, not a comment, not `<_x:y>`,
        // which libxml2 reads as text.
        ("<p><img alt=\"a <b:c> d\" src=\"/i.png\"> <_x:y> <!-- <o:p> --></p>",
         "<p><img alt=\"a &lt;b:c&gt; d\" src=\"https://example.com/i.png\" /> &lt;_x:y&gt; </p>"),
    ]

    @Test(arguments: unclosed)
    func outputIsWellFormed(html: String, expected: String) throws {
        let cleaned = Self.clean(html)
        #expect(cleaned == expected)
        #expect(try XMLLint.errors(in: "<div>" + cleaned + "</div>") == "")
    }

    @Test func seedLikeContentIsWellFormedXML() throws {
        let html = "<p>“南京特色”&nbsp;<strong>多个</strong></p> <p class=\"em_media\">（文章来源）"
            + "<p><a href=//finews.withounder.com/>首页</a><img src=x.png onerror=alert(1)>"
        let cleaned = Self.clean(html)
        #expect(try XMLLint.errors(in: "<div>" + cleaned + "</div>") == "")
        #expect(cleaned.contains("<a href=\"https://finews.withounder.com/\">首页</a>"))
        #expect(cleaned.contains("<img src=\"https://example.com/2022/01/14/x.png\" />"))
    }

    static let excerpts: [(String, String)] = [
        ("<p>First  <em>para</em>\n graph.</p><p>Second</p>", "First para graph."),
        // A paragraph wins over loose text or a heading before it.
        ("Loose text<p>then a paragraph</p>", "then a paragraph"),
        ("<h1>Heading</h1><p>Body  text</p>", "Body text"),
        // No top-level paragraph: all the text (feedparser's summary is the whole description).
        ("Only loose <b>text</b>", "Only loose text"),
        ("<p><script>var x</script>Hello&nbsp;there</p>", "Hello there"),
        ("\n\n<div><p>nested</p><p>two</p></div>", "nested two"),
        ("<p></p><p>after an empty one</p>", "after an empty one"),
        ("", ""),
    ]

    @Test(arguments: excerpts)
    func excerptIsTheFirstParagraphsText(html: String, excerpt: String) {
        #expect(Self.cleaner.clean(html).excerpt == excerpt)
    }

    @Test(arguments: [
        ("AT&amp;T &lt;b&gt; <b>bold</b>", "AT&T <b> bold"),
        ("  plain   text  ", "plain text"),
        ("a&nbsp;b", "a b"),
    ])
    func plainText(html: String, text: String) {
        #expect(HTMLCleaner.plainText(html) == text)
    }
}
