import FeedModel
import Foundation
import Testing
@testable import FeedParsing

/// An item's text fields wait as bytes until the item becomes an article (on the second
/// thread of a large feed), and text from a document found valid UTF-8 is not checked again.
/// Neither may change what a reader sees.
@Suite struct ItemTextTests {
    func parse(_ bytes: [UInt8]) throws -> ParsedFeed {
        try FeedParser().parse(Data(bytes), url: nil)
    }

    func rss(_ items: String) -> String {
        "<rss version=\"2.0\"><channel><title>t</title><link>https://example.com/</link>" + items + "</channel></rss>"
    }

    /// The last title wins, as it did when every field was filled as read, also when one of
    /// them has an `xml:base` of its own (which is filled as read, and the others waited).
    @Test func laterFieldsWinWhateverTheirBase() throws {
        let feed = try parse(Array(rss("""
            <item><title>First</title><link>https://example.com/1</link>
            <title xml:base="https://other.example/d/">Second</title>
            <description>&lt;a href="p"&gt;one&lt;/a&gt;</description></item>
            <item xml:base="https://example.com/two/"><title xml:base="https://other.example/">First</title>
            <link>3</link><title>Second</title><guid isPermaLink="false">g</guid>
            <description xml:base="https://other.example/x/">&lt;a href="p"&gt;two&lt;/a&gt;</description></item>
            """).utf8))
        #expect(feed.articles.map(\.title) == ["Second", "Second"])
        #expect(feed.articles.map(\.link) == ["https://example.com/1", "https://example.com/two/3"])
        #expect(feed.articles.map(\.contentHTML) == ["<a href=\"https://example.com/p\">one</a>",
                                                     "<a href=\"https://other.example/x/p\">two</a>"])
        #expect(feed.articles[1].canonicalURL == "https://example.com/two/3")
    }

    /// Atom links wait as records too: the first alternate link (with no type, or HTML) is still
    /// the article's link when a later one has an `xml:base` of its own, and a link's type,
    /// `rel` and escaped `&` come through.
    @Test func atomLinksKeepTheirOrder() throws {
        let feed = try parse(Array("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link href="https://example.com/"/>
            <entry><id>urn:1</id><title>one</title><link rel="alternate" type="application/pdf" href="/doc.pdf"/>
            <link href="/first?a=1&amp;b=2"/><link rel="alternate" type="text/html" xml:base="https://other.example/" href="second"/></entry>
            <entry><id>urn:2</id><title>two</title><link rel="replies" href="/comments"/>
            <link xml:base="https://other.example/x/" rel="alternate" type="text/html" href="first"/><link href="/second"/></entry>
            </feed>
            """.utf8))
        #expect(feed.articles.map(\.link) == ["https://example.com/first?a=1&b=2", "https://other.example/x/first"])
    }

    /// Atom XHTML content after fields that wait as records: its wrapping `div` is still
    /// found (the check looks at the content's own text only) and dropped.
    @Test func xhtmlWrapperAfterWaitingFields() throws {
        let feed = try parse(Array("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link href="https://example.com/"/>
            <entry><id>urn:1</id><title>one</title><link href="/1"/><updated>2024-01-02T03:04:05Z</updated>
            <content type="xhtml"> <div xmlns="http://www.w3.org/1999/xhtml"><p>x <b>y</b></p></div></content></entry>
            </feed>
            """.utf8))
        #expect(feed.articles.map(\.contentHTML) == ["<p>x <b>y</b></p>"])
        #expect(feed.articles.map(\.title) == ["one"])
    }

    /// A feed read on two threads whose read stops at a bare `&` after 2,000 items: the items
    /// after it come from the second read (after the repair), each once, in order, their
    /// waiting fields intact.
    @Test func secondReadOfALargeFeedGivesEachItemOnce() throws {
        let items = (0..<3000).map { index in
            "<item><title>标题 \(index)\(index == 2000 ? " Tom & Jerry" : "")</title>"
                + "<link>https://example.com/\(index)</link><pubDate>Wed, 07 Aug 2024 00:09:19 +0800</pubDate>"
                + "<description><![CDATA[<p>\(String(repeating: "正文", count: 60))</p>]]></description></item>\n"
        }
        let document = rss(items.joined())
        #expect(document.utf8.count > 1 << 20)
        let feed = try parse(Array(document.utf8))
        #expect(feed.articles.count == 3000)
        #expect(feed.articles.map(\.title) == (0..<3000).map { "标题 \($0)\($0 == 2000 ? " Tom & Jerry" : "")" })
        #expect(feed.articles.map(\.link) == (0..<3000).map { "https://example.com/\($0)" })
        #expect(Set(feed.articles.map(\.published)) == [Instant(secondsSince1970: 1_722_960_559)])
        #expect(feed.warnings == ["replaced 1 undefined entity reference or bare '&'"])
    }

    /// A byte that is not UTF-8 behind a UTF-8 BOM (the encoding check is left to libxml2
    /// there): the title is read, as Latin-1 from that byte on, as libxml2 does.
    @Test func invalidByteBehindBOMIsNotTakenForUTF8() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
            + Array("<rss version=\"2.0\"><channel><title>t</title><item><title>caf".utf8) + [0xE9]
            + Array("</title><link>https://example.com/1</link></item></channel></rss>".utf8)
        let feed = try parse(bytes)
        let title = try #require(feed.articles.first?.title)
        #expect(title.hasPrefix("caf") && title.count == 4, "\(title)")
        #expect(title.unicodeScalars.allSatisfy { $0.value != 0 })
    }

    /// Text in every field kind, from a large document found valid UTF-8 (read on two
    /// threads) and from the same text mis-declared as GBK (read as UTF-8 after a warning).
    @Test(arguments: ["UTF-8", "GBK"])
    func utf8TextReadsTheSame(declared: String) throws {
        let item = "<item><title> 标题 &amp; “引号” </title><link> https://example.com/a?q=1&amp;b=2 </link>"
            + "<guid isPermaLink=\"false\"> 编号-1 </guid><pubDate> Wed, 07 Aug 2024 00:09:19 +0800 </pubDate>"
            + "<description><![CDATA[<p>正文 📈</p>]]></description></item>\n"
        let document = "<?xml version=\"1.0\" encoding=\"\(declared)\"?>" + rss(String(repeating: item, count: 4500))
        #expect(document.utf8.count > 1 << 20)
        let feed = try parse(Array(document.utf8))
        #expect(feed.articles.count == 4500)
        let article = try #require(feed.articles.last)
        #expect(article.title == "标题 & “引号”")
        #expect(article.link == "https://example.com/a?q=1&b=2")
        #expect(article.contentHTML == "<p>正文 📈</p>")
        #expect(article.published == Instant(secondsSince1970: 1_722_960_559))
        #expect(feed.warnings == (declared == "GBK" ? ["declared encoding GBK but the bytes are UTF-8; read as UTF-8"] : []))
    }
}
