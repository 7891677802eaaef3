import FeedModel
import Foundation
import Testing
@testable import FeedParsing

@Suite struct LeniencyTests {
    @Test func gbkFeed() throws {
        let feed = try parse("gbk.xml", options: ParseOptions(timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        #expect(feed.title == "中文新闻")
        let item = try #require(feed.articles.first)
        #expect(item.title == "北京冬奥会开幕")
        #expect(item.contentHTML == "新闻内容，镕")
        #expect(item.published == utc("2022-01-13T17:01:00Z"))
        #expect(feed.warnings.isEmpty)
    }

    @Test func utf8DeclaredAsGBK() throws {
        let feed = try parse("utf8-declared-gbk.xml")
        #expect(feed.title == "错标编码")
        #expect(feed.articles.first?.title == "北京冬奥会开幕")
        #expect(feed.warnings.contains { $0.contains("the bytes are UTF-8") })
    }

    @Test func gbkBytesWithHTTPCharsetWrong() throws {
        // Served as UTF-8 but written in GBK: detected as not UTF-8 and read as GB18030.
        let feed = try parse("gbk.xml", contentType: "application/rss+xml; charset=utf-8")
        #expect(feed.articles.first?.title == "北京冬奥会开幕")
        #expect(feed.warnings.contains { $0.contains("read as GB18030") })
    }

    @Test func htmlEntitiesAndBareAmpersands() throws {
        let feed = try parse("entities.xml")
        #expect(feed.title == "Tom & Jerry\u{A0}News" || feed.title == "Tom & Jerry News")
        let item = try #require(feed.articles.first)
        #expect(item.title == "Café — A & B")
        #expect(item.link == "http://ent.example.com/?a=1&b=2")
        #expect(item.contentHTML?.contains("&amp;") == true)
        #expect(feed.warnings.contains { $0.contains("undefined entity") })
    }

    @Test func junkAfterRoot() throws {
        let feed = try parse("junk-after-root.xml")
        #expect(feed.articles.map(\.title) == ["One", "Two"])
        #expect(feed.warnings.contains { $0.contains("after the root element") })
    }

    @Test func truncatedFile() throws {
        let feed = try parse("truncated.xml")
        #expect(feed.title == "Cut")
        #expect(Array(feed.articles.prefix(2).map(\.title)) == ["Whole one", "Whole two"])
        #expect(feed.articles[1].authors == [Author(name: "Undeclared Prefix")])
        #expect(!feed.warnings.isEmpty)
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        let start = Date()
        var text = ""
        do {
            let feed = try parse("billion-laughs.xml")
            text = feed.title + feed.articles.map(\.title).joined()
            #expect(!feed.warnings.isEmpty)
        } catch let error as FeedParseError {
            text = error.description
            #expect(error.reason.contains("entity"))
        }
        #expect(!text.contains("lollollol"))
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let feed = try parse("xxe.xml")
        let everything = feed.articles.map { $0.title + ($0.contentHTML ?? "") + ($0.summary ?? "") }.joined()
        #expect(!everything.contains("root:"))
        #expect(feed.articles.first?.link == "http://xxe.example.com/1")
    }

    @Test func notAFeed() {
        let data = Data("<html><body>hi</body></html>".utf8)
        #expect(throws: FeedParseError(location: "https://x.example/", line: 1,
                                       reason: "not a feed: the root element is <html>")) {
            try FeedParser().parse(data, url: "https://x.example/")
        }
        let error = FeedParseError(location: "https://x.example/", line: 1, reason: "not a feed: the root element is <html>")
        #expect(error.errorDescription == "https://x.example/:1: error: not a feed: the root element is <html>")
    }

    @Test func sizeAndDepthLimits() {
        let big = Data(repeating: 0x20, count: 2048)
        #expect(throws: FeedParseError.self) {
            try FeedParser(options: ParseOptions(maxBytes: 1024)).parse(big, url: nil)
        }
        let deep = Data(("<rss><channel><title>t</title>" + String(repeating: "<x>", count: 100)).utf8)
        #expect(throws: FeedParseError.self) {
            try FeedParser(options: ParseOptions(maxDepth: 50)).parse(deep, url: nil)
        }
    }
}
