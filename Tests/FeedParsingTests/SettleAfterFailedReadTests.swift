import FeedModel
import Foundation
import Testing
@testable import FeedParsing

/// A document without a DOCTYPE is read before its byte repairs (bare `&`, undefined
/// entities, forbidden controls): libxml2 stops at the first byte a repair would change, and
/// only then is the document repaired (``XMLInput/settle()``) and read again after the items
/// already given. These feeds put that byte after some items, so that items are given before
/// the read stops: the reader must see every item once, in order, with the warnings of the
/// repairs made before the read.
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

    /// The encoding is chosen for the whole document before it is read (as feedparser does):
    /// UTF-8 text in a document with GBK bytes further on is read as GB18030 too.
    @Test func oneEncodingForTheWholeDocument() throws {
        var titles = Self.plain(4)
        titles[0] = Array("北京".utf8)
        titles[2] = [0xB1, 0xB1, 0xBE, 0xA9]
        let feed = try FeedParser().parse(Self.feed(titles), url: nil)
        #expect(feed.articles.map(\.title) == ["鍖椾含", "Item 1", "北京", "Item 3"])
        #expect(feed.warnings == ["declared encoding UTF-8 (default) but the bytes are not UTF-8; read as GB18030"])
    }

    @Test func problemBeforeTheFirstItem() throws {
        var bytes = Array(Self.feed(Self.plain(3)))
        let title = Array("<title>Late</title>".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: title) })
        bytes.replaceSubrange(at..<(at + title.count), with: Array("<title>Tom & Jerry</title>".utf8))
        let feed = try FeedParser().parse(Data(bytes), url: nil)
        #expect(feed.title == "Tom & Jerry")
        #expect(feed.articles.map(\.title) == ["Item 0", "Item 1", "Item 2"])
    }

    /// The second read stops too (a broken end tag after the repaired `&`): recover mode
    /// then goes on after the items both reads gave.
    @Test func repairThenRecover() throws {
        var titles = Self.plain(8)
        titles[2] = Array("A & B".utf8)
        titles[5] = Array("Five</titel>".utf8)
        let feed = try FeedParser().parse(Self.feed(titles), url: nil)
        let seen = feed.articles.map(\.title)
        #expect(Array(seen.prefix(5)) == ["Item 0", "Item 1", "A & B", "Item 3", "Item 4"])
        #expect(seen.last == "Item 7")
        #expect(Set(seen).count == seen.count, "no item twice: \(seen)")
        #expect(feed.warnings.first == "replaced 1 undefined entity reference or bare '&'")
        #expect(feed.warnings.contains { $0.contains("recovered") })
    }

    @Test func legacyLabelWithLateAmpersand() throws {
        var titles = Self.plain(4)
        titles[1] = [0x63, 0x61, 0x66, 0xE9]  // café in ISO-8859-1
        titles[3] = Array("R & D".utf8)
        let feed = try FeedParser().parse(Self.feed(titles, declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"), url: nil)
        #expect(feed.articles.map(\.title) == ["Item 0", "café", "Item 2", "R & D"])
        #expect(feed.warnings == ["replaced 1 undefined entity reference or bare '&'"])
    }

    /// **Choice:** an `&` in a processing instruction is left alone (XML allows it there, and
    /// libxml2 reads it without an error); the repair before the read used to rewrite it.
    @Test func ampersandInAProcessingInstruction() throws {
        let feed = try FeedParser().parse(Self.feed(Self.plain(2),
            declaration: "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"/feed.xsl?a=1&b=2\"?>"), url: nil)
        #expect(feed.articles.map(\.title) == ["Item 0", "Item 1"])
        #expect(feed.warnings.isEmpty)
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

    /// Over 1 MiB, in 64 KiB chunks, from memory and from a file mapping whose pages the
    /// first read handed back: the items go through the item thread, and the second read's
    /// items follow the first read's on it.
    @Test(arguments: [false, true])
    func largeFeedWithLateProblems(mapped: Bool) throws {
        var titles = (0..<12_000).map { Array("Item \($0) 受美联储加快收紧预期影响".utf8) }
        titles[9_000] = Array("S & P".utf8)
        titles[11_000] = Array("C\u{1}D".utf8)
        let data = Self.feed(titles)
        #expect(data.count > 1 << 20)
        var parser = FeedParser()
        parser.chunkSize = 64 << 10
        var seen: [String] = []
        let feed: ParsedFeed
        if mapped {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("feedsmith-settle-\(UUID().uuidString).xml")
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            feed = try parser.parse(fileAt: file.path) { _, article in seen.append(article.title) }
        } else {
            feed = try parser.parse(data, url: nil) { _, article in seen.append(article.title) }
        }
        #expect(seen.count == 12_000)
        #expect(seen[8_999] == "Item 8999 受美联储加快收紧预期影响")
        #expect(seen[9_000] == "S & P")
        #expect(seen[9_001] == "Item 9001 受美联储加快收紧预期影响")
        #expect(seen[11_000] == "CD")
        #expect(seen.last == "Item 11999 受美联储加快收紧预期影响")
        #expect(feed.warnings == ["dropped 1 control character XML forbids",
                                  "replaced 1 undefined entity reference or bare '&'"])
    }
}
