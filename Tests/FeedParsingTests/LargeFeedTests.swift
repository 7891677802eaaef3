import FeedModel
import Foundation
import Testing
import TestSupport
@testable import FeedParsing

/// A feed over 1 MiB is read on two threads (``ItemPipeline``) and one over 4 MiB reaches
/// libxml2 in several chunks (``SAXStream``), with a file's pages handed back as it goes. None
/// of that may change what is read: a 1.5 MB feed given to libxml2 in 64 KiB chunks (so that
/// 24 chunk boundaries fall inside text, CDATA sections, escaped markup and multibyte
/// characters) gives exactly the articles its items give in small feeds of their own (one
/// thread, one chunk), in the same order. Small, because the other suites run beside it.
@Suite struct LargeFeedTests {
    /// Items of 1.5 to 4 kB: CJK and ASCII text, entities, `&amp;` in links, HTML in CDATA
    /// (RSS) or escaped (Atom), so chunk boundaries fall inside every kind of content.
    static func items(atom: Bool, count: Int) -> [String] {
        var random = SplitMix64(state: atom ? 0xA70A : 0x0255)
        let words = ["受美联储加快收紧", "A股", "“引号”，", "plain words", "S&amp;P 500", "x &lt; y", "📈", "é è"]
        return (0..<count).map { index in
            let length = Int.random(in: 180...300, using: &random)
            let text = (0..<length).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            let link = "https://news.example.com/a/\(index).html?id=\(index)&amp;utm_source=feed"
            let date = "2024-0\(index % 9 + 1)-1\(index % 10)T0\(index % 10):00:00+08:00"
            if atom {
                return "<entry><title>标题 \(index) &amp; more</title><link href=\"\(link)\"/>"
                    + "<id>urn:item:\(index)</id><updated>\(date)</updated>"
                    + "<content type=\"html\">&lt;p&gt;\(text)&lt;/p&gt;&lt;p&gt;二 \(index)&lt;/p&gt;</content></entry>\n"
            }
            return "<item><title>标题 \(index) &amp; more</title><link>\(link)</link>"
                + "<guid isPermaLink=\"false\">item-\(index)</guid><pubDate>\(date)</pubDate>"
                + "<description><![CDATA[<p>\(text)</p><p>二 \(index)</p>]]></description></item>\n"
        }
    }

    static func document(_ items: ArraySlice<String>, atom: Bool) -> String {
        atom
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<title>Large</title><link href=\"https://news.example.com/\"/>\n" + items.joined() + "</feed>\n"
            : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Large</title>"
                + "<link>https://news.example.com/</link>\n" + items.joined() + "</channel></rss>\n"
    }

    @Test(arguments: [false, true])
    func largeFeedReadsAsItsItemsDoAlone(atom: Bool) throws {
        let items = Self.items(atom: atom, count: 520)
        let large = Data(Self.document(items[...], atom: atom).utf8)
        #expect(large.count > 1 << 20, "\(large.count) bytes: the feed must go to the item thread")
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedsmith-large-\(UUID().uuidString).xml")
        try large.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        var chunked = FeedParser()
        chunked.chunkSize = 64 << 10
        var streamed: [Article] = []
        let feed = try chunked.parse(fileAt: file.path) { _, article in streamed.append(article) }
        #expect(feed.title == "Large")
        #expect(feed.warnings.isEmpty, "\(feed.warnings)")

        var alone: [Article] = []
        for start in stride(from: 0, to: items.count, by: 100) {
            let small = Data(Self.document(items[start..<min(start + 100, items.count)], atom: atom).utf8)
            #expect(small.count < 1 << 20)
            alone += try FeedParser().parse(small, url: nil).articles
        }
        #expect(streamed.count == items.count)
        #expect(alone.count == items.count)
        // Sources name the file each was read from; everything else must be the same.
        for (index, (big, small)) in zip(streamed, alone).enumerated() {
            var big = big, small = small
            big.sources = []
            small.sources = []
            let same = big == small
            #expect(same, "item \(index) differs: '\(big.title)' read alone is '\(small.title)'")
            if !same { break }
        }
        #expect(streamed[234].title == "标题 234 & more")
        #expect(streamed[234].canonicalURL == "https://news.example.com/a/234.html?id=234")
        #expect(streamed[519].contentHTML?.hasSuffix("<p>二 519</p>") == true)
    }

    /// One field longer than several chunks (a 480 kB description over eight chunks: CDATA in
    /// RSS, escaped markup in Atom) arrives whole, as it does when the feed is one chunk.
    @Test(arguments: [false, true])
    func fieldLongerThanItsChunksArrivesWhole(atom: Bool) throws {
        let words = (0..<12_000).map { "受美联储 S&amp;P \($0) x &lt; y 📈" }.joined(separator: " ")
        let body = atom ? "&lt;p&gt;\(words)&lt;/p&gt;" : "<![CDATA[<p>\(words)</p>]]>"
        let item = atom
            ? "<entry><title>long</title><id>urn:long</id><link href=\"https://news.example.com/long\"/>"
                + "<content type=\"html\">\(body)</content></entry>"
            : "<item><title>long</title><link>https://news.example.com/long</link><description>\(body)</description></item>"
        let data = Data(Self.document([item], atom: atom).utf8)
        var chunked = FeedParser()
        chunked.chunkSize = 64 << 10
        #expect(data.count > 6 * chunked.chunkSize)
        let article = try #require(try chunked.parse(data, url: nil).articles.first)
        let whole = try #require(try FeedParser().parse(data, url: nil).articles.first)
        #expect(article == whole)
        let html = try #require(article.contentHTML)
        #expect(html.hasPrefix("<p>受美联储 S&amp;P 0 x &lt; y 📈 "))
        #expect(html.hasSuffix(" 受美联储 S&amp;P 11999 x &lt; y 📈</p>"))
        #expect(html.components(separatedBy: "📈").count == 12_001)
    }
}
