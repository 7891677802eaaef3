import FeedModel
import Foundation
import Testing
@testable import FeedParsing

/// A document labelled UTF-8 (or not labelled) is read without a scan of its bytes first, and
/// one without a DOCTYPE before its byte repairs (bare `&`, undefined entities, forbidden
/// controls): libxml2 stops at the first byte either would change, and the read is settled
/// then (``XMLInput/settle()``) and made again after the items already given. These feeds
/// put that byte after some items, so that items are given before the read stops: the
/// reader must see every item once, in order, as when the problem comes first.
@Suite struct SettleAfterFailedReadTests {
    /// An RSS feed of `titles` (each item's title bytes as given), undeclared encoding.
    static func feed(_ titles: [[UInt8]], declaration: String = "<?xml version=\"1.0\"?>") -> Data {
        var bytes = Array((declaration + "\n<rss version=\"2.0\"><channel><title>Late</title>"
            + "<link>https://late.example.com/</link>\n").utf8)
        for (index, title) in titles.enumerated() {
            bytes += Array("<item><title>".utf8) + title
            bytes += Array("</title><link>https://late.example.com/\(index)</link></item>\n".utf8)
        }
        bytes += Array("</channel></rss>\n".utf8)
        return Data(bytes)
    }

    static func plain(_ count: Int) -> [[UInt8]] {
        (0..<count).map { Array("Item \($0)".utf8) }
    }

    @Test func bareAmpersandAfterItems() throws {
        var titles = Self.plain(6)
        titles[4] = Array("Tom & Jerry".utf8)
        let feed = try FeedParser().parse(Self.feed(titles), url: nil)
        #expect(feed.articles.map(\.title) == ["Item 0", "Item 1", "Item 2", "Item 3", "Tom & Jerry", "Item 5"])
        #expect(feed.warnings == ["replaced 1 undefined entity reference or bare '&'"])
    }

    @Test func htmlEntityAndControlAfterItems() throws {
        var titles = Self.plain(5)
        titles[2] = Array("A&nbsp;B".utf8)
        titles[3] = Array("C\u{8}D".utf8)
        let feed = try FeedParser().parse(Self.feed(titles), url: nil)
        #expect(feed.articles.map(\.title) == ["Item 0", "Item 1", "A B", "CD", "Item 4"])
        #expect(feed.warnings == ["dropped 1 control character XML forbids",
                                  "replaced 1 undefined entity reference or bare '&'"])
    }

    @Test func gbkBytesAfterASCIIItems() throws {
        var titles = Self.plain(5)
        titles[3] = [0xB1, 0xB1, 0xBE, 0xA9]  // 北京 in GBK
        let feed = try FeedParser().parse(Self.feed(titles), url: nil)
        #expect(feed.articles.map(\.title) == ["Item 0", "Item 1", "Item 2", "北京", "Item 4"])
        #expect(feed.warnings == ["declared encoding UTF-8 (default) but the bytes are not UTF-8; read as GB18030"])
    }

    @Test func gbkBytesAndBareAmpersandAfterItems() throws {
        var titles = Self.plain(5)
        titles[2] = Array("A & B".utf8)
        titles[3] = [0xB1, 0xB1, 0xBE, 0xA9]
        let feed = try FeedParser().parse(Self.feed(titles), url: nil)
        #expect(feed.articles.map(\.title) == ["Item 0", "Item 1", "A & B", "北京", "Item 4"])
        #expect(feed.warnings == ["declared encoding UTF-8 (default) but the bytes are not UTF-8; read as GB18030",
                                  "replaced 1 undefined entity reference or bare '&'"])
    }

    /// **Choice:** UTF-8 text in items given before the first legacy byte stays UTF-8 (a
    /// whole-document guess would have made it mojibake, `鍖椾含`); the rest is read as GB18030.
    @Test func utf8TextBeforeLegacyBytesStaysUTF8() throws {
        var titles = Self.plain(4)
        titles[0] = Array("北京".utf8)
        titles[2] = [0xB1, 0xB1, 0xBE, 0xA9]
        let feed = try FeedParser().parse(Self.feed(titles), url: nil)
        #expect(feed.articles.map(\.title) == ["北京", "Item 1", "北京", "Item 3"])
        #expect(feed.warnings.first?.hasSuffix("read as GB18030") == true)
    }

    /// With a DOCTYPE the repairs come first, as an undefined entity may then be a warning
    /// only; the items are the same.
    @Test func doctypeDocumentsAreRepairedFirst() throws {
        var titles = Self.plain(4)
        titles[2] = Array("A&nbsp;B & C".utf8)
        let feed = try FeedParser().parse(Self.feed(titles, declaration: "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
            + "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"), url: nil)
        #expect(feed.articles.map(\.title) == ["Item 0", "Item 1", "A B & C", "Item 3"])
        #expect(feed.warnings == ["replaced 2 undefined entity references or bare '&'"])
    }

    /// Over 1 MiB, in 64 KiB chunks: the items go through the item thread, and the second
    /// read's items follow the first read's on it.
    @Test func largeFeedWithLateProblems() throws {
        // UTF-8 text up to item 10,000 (kept as UTF-8, see above), plain text after it.
        var titles = (0..<12_000).map { Array(($0 < 10_000 ? "Item \($0) 受美联储加快收紧预期影响" : "Item \($0)").utf8) }
        titles[9_000] = Array("S & P".utf8)
        titles[11_000] = [0xB1, 0xB1, 0xBE, 0xA9]
        let data = Self.feed(titles)
        #expect(data.count > 1 << 20)
        var parser = FeedParser()
        parser.chunkSize = 64 << 10
        var seen: [String] = []
        let feed = try parser.parse(data, url: nil) { _, article in seen.append(article.title) }
        #expect(seen.count == 12_000)
        #expect(seen[8_999] == "Item 8999 受美联储加快收紧预期影响")
        #expect(seen[9_000] == "S & P")
        #expect(seen[11_000] == "北京")
        #expect(seen.last == "Item 11999")
        #expect(feed.warnings.count == 2)
    }
}
