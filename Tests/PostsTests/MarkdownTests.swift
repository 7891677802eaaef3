import Foundation
import Testing
@testable import Posts

/// Markdown through cmark-gfm, as the seed post and hand-written posts need it.
@Suite struct MarkdownTests {
    static let seedPath = "_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"

    static func seed() throws -> Post {
        try #require(try SiteFixture.post(seedPath))
    }

    /// The seed's raw HTML lines, as written in the file.
    static func seedHTMLLines() throws -> [String] {
        try seed().body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("<p") }
    }

    /// A NUL byte is valid UTF-8, and cmark-gfm reads it as U+FFFD: the text after it is kept.
    @Test func textAfterANulByteIsKept() {
        #expect(MarkdownRenderer.render("first\u{0}second") == "<p>first\u{FFFD}second</p>\n")
    }

    @Test func seedHTMLParagraphsPassThroughUntouched() throws {
        let lines = try Self.seedHTMLLines()
        #expect(lines.count == 22)
        let rendered = MarkdownRenderer.render(try Self.seed().body)
        for line in lines {
            #expect(rendered.contains(line), "cmark-gfm changed \(line.prefix(40))…")
        }
    }

    @Test func seedParagraphsSurviveCleaning() throws {
        let html = try #require(try Self.seed().article().contentHTML)
        for line in try Self.seedHTMLLines() {
            #expect(html.contains(line), "cleaning changed \(line.prefix(40))…")
        }
        #expect(html.contains("<p class=\"em_media\">（文章来源：证券日报）</p>"))
    }

    @Test func seedAutolinkBecomesALink() throws {
        let url = "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201142247116970"
        let rendered = MarkdownRenderer.render(try Self.seed().body)
        #expect(rendered.contains("<p><a href=\"\(url)\">\(url)</a></p>"))
        let html = try #require(try Self.seed().article().contentHTML)
        #expect(html.contains("<a href=\"\(url)\">\(url)</a>"))
    }

    @Test func seedProtocolRelativeLinksBecomeHTTPS() throws {
        let html = try #require(try Self.seed().article().contentHTML)
        #expect(html.contains(
            "<a href=\"https://finews.withounder.com/category/zhengquanribao.html\">返回证券日报新闻</a>"))
        #expect(html.contains("<a href=\"https://finews.withounder.com/\">返回首页</a>"))
        #expect(!html.contains("\"//"))
    }

    @Test func gfmTableRendersAsATable() {
        let html = MarkdownRenderer.render("""
            | 股票 | 涨跌 |
            |:-----|-----:|
            | A    | +1%  |
            """)
        #expect(html.contains("<table>"))
        #expect(html.contains("<th align=\"left\">股票</th>"))
        #expect(html.contains("<td align=\"right\">+1%</td>"))
    }

    @Test func markdownAfterARawHTMLBlockStillRenders() {
        let html = MarkdownRenderer.render("""
            <div class="note">
            <p>raw</p>
            </div>

            Then **Markdown** with [a link](/about.html).
            """)
        #expect(html.contains("<div class=\"note\">\n<p>raw</p>\n</div>"))
        #expect(html.contains("<p>Then <strong>Markdown</strong> with <a href=\"/about.html\">a link</a>.</p>"))
    }

    @Test(arguments: [
        ("~~gone~~", "<del>gone</del>"),
        ("see www.example.com now", "<a href=\"http://www.example.com\">www.example.com</a>"),
        ("- [x] done", "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"),
        ("a & b < c", "<p>a &amp; b &lt; c</p>"),
        ("[t](http://x.com \"Title\")", "<a href=\"http://x.com\" title=\"Title\">t</a>"),
    ])
    func gfmExtensions(markdown: String, fragment: String) {
        #expect(MarkdownRenderer.render(markdown).contains(fragment))
    }

    @Test func markdownPostIsRenderedAndLinksMadeAbsolute() throws {
        let post = try #require(try SiteFixture.post("_posts/2022-01-19-iso-date.md"))
        let article = post.article()
        #expect(article.contentHTML == "<p>An <strong>ISO 8601</strong> date, with categories and tags as YAML lists.</p>\n")
        #expect(article.summary == "An ISO 8601 date, with categories and tags as YAML lists.")
    }
}
