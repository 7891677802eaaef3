import FeedModel
import Foundation
import Testing
@testable import FeedParsing

/// A fixture parsed as if fetched from `url`.
func parse(_ name: String, url: String? = nil, contentType: String? = nil,
           options: ParseOptions = .init()) throws -> ParsedFeed {
    let file = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
    return try FeedParser(options: options).parse(try Data(contentsOf: file), url: url,
                                                  contentType: contentType)
}

/// The instant of an ISO 8601 UTC timestamp, read by Foundation rather than by the code tested.
func utc(_ text: String) -> Instant {
    Instant(secondsSince1970: Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970))
}

@Suite struct FormatTests {
    @Test func rss091() throws {
        let feed = try parse("rss091.xml")
        #expect(feed.format == .rss091)
        #expect(feed.title == "Old School")
        #expect(feed.language == "en-us")
        #expect(feed.articles.count == 1)
        let item = feed.articles[0]
        #expect(item.title == "First & Foremost")
        #expect(item.link == "http://old.example.com/first.html")
        #expect(item.canonicalURL == "https://old.example.com/first.html")
        #expect(item.contentHTML == "Hello <b>world</b>")
        #expect(item.published == nil)
    }

    @Test func rss10() throws {
        let feed = try parse("rss10.rdf", options: ParseOptions(timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        #expect(feed.format == .rss10)
        #expect(feed.title == "RDF Site")
        #expect(feed.link == "http://rdf.example.org/")
        #expect(feed.language == "zh-cn")
        #expect(feed.articles.map(\.title) == ["Item A", "Item B"])
        #expect(feed.articles[0].canonicalURL == "https://rdf.example.org/a")
        #expect(feed.articles[0].authors == [Author(name: "Wang Wei")])
        #expect(feed.articles[0].categories == ["News"])
        #expect(feed.articles[0].published == utc("2022-01-13T17:01:10Z"))
        #expect(feed.articles[1].published == utc("2022-01-15T00:00:00Z"))
    }

    @Test func rss20() throws {
        let feed = try parse("rss20.xml", url: "https://news.example.com/feed.xml")
        #expect(feed.format == .rss20)
        #expect(feed.title == "Example News")
        #expect(feed.feedURL == "https://news.example.com/feed.xml")
        #expect(feed.articles.count == 3)
        let full = feed.articles[0]
        #expect(full.title == "Full content")
        #expect(full.link == "https://news.example.com/2022/01/full.html?id=7")
        #expect(full.canonicalURL == "https://news.example.com/2022/01/full.html?id=7")
        #expect(full.published == utc("2022-01-13T17:01:10Z"))
        #expect(full.authors == [Author(name: "Li Lei", email: "editor@example.com")])
        #expect(full.categories == ["World", "Asia"])
        #expect(full.summary == "Short summary.")
        let html = try #require(full.contentHTML)
        #expect(!html.contains("script") && !html.contains("alert") && !html.contains("onclick"))
        #expect(html.contains("href=\"https://news.example.com/about\""))
        #expect(html.contains("src=\"https://news.example.com/img/a.png\""))
        #expect(full.enclosures == [Enclosure(url: "https://cdn.example.com/a.mp3", type: "audio/mpeg", length: 1234)])
        #expect(full.image == "https://cdn.example.com/a.jpg")
        #expect(full.sources == ["https://news.example.com/feed.xml"])
        #expect(full.isLocal == false)

        let guidOnly = feed.articles[1]
        #expect(guidOnly.link == "https://news.example.com/2022/01/guid.html")
        #expect(guidOnly.published == utc("2022-01-15T02:00:00Z"))
        #expect(guidOnly.contentHTML == "Plain text description")

        let noLink = feed.articles[2]
        #expect(noLink.link == nil)
        #expect(noLink.canonicalURL == CanonicalURL.fallbackKey(
            source: "https://news.example.com/feed.xml", guid: "tag:news.example.com,2022:3"))
        #expect(noLink.published == nil)
        #expect(feed.warnings.contains { $0.contains("unreadable date 'not a date'") })
    }

    @Test func atom03() throws {
        let feed = try parse("atom03.xml")
        #expect(feed.format == .atom03)
        #expect(feed.title == "Atom Zero Three")
        let entry = try #require(feed.articles.first)
        #expect(entry.link == "http://a03.example.net/2004/01/old")
        #expect(entry.published == utc("2004-01-01T15:00:00Z"))
        #expect(entry.updated == utc("2004-01-02T10:00:00Z"))
        #expect(entry.authors == [Author(name: "Mark")])
        #expect(entry.contentHTML == "<p>Escaped <em>HTML</em></p>")
    }

    @Test func atom10() throws {
        let feed = try parse("atom10.xml", url: "https://blog.example.com/atom.xml")
        #expect(feed.format == .atom10)
        #expect(feed.title == "Blog <Atom>")
        #expect(feed.link == "https://blog.example.com/")
        #expect(feed.language == "en")
        #expect(feed.articles.count == 2)
        let one = feed.articles[0]
        #expect(one.title == "Nested base")
        #expect(one.link == "https://blog.example.com/2022/posts/one.html")
        #expect(one.enclosures == [Enclosure(url: "https://blog.example.com/2022/media/one.mp3", type: "audio/mpeg", length: 99)])
        #expect(one.published == utc("2022-01-13T17:01:10Z"))
        #expect(one.updated == utc("2022-01-15T00:00:00Z"))
        #expect(one.authors == [Author(name: "Ann", email: "ann@example.com", uri: "https://blog.example.com/ann")])
        #expect(one.categories == ["swift"])
        #expect(one.summary == "A summary")
        #expect(one.contentHTML == "<p>Hello <a href=\"https://blog.example.com/2022/sub/x.html\">x</a></p><br />")
        let two = feed.articles[1]
        #expect(two.title == "XHTML title")
        #expect(two.contentHTML == "<p>Two</p>")
    }

    @Test func jsonFeed11() throws {
        let feed = try parse("feed11.json", url: "https://json.example.com/feed.json")
        #expect(feed.format == .json11)
        #expect(feed.title == "JSON Site")
        #expect(feed.articles.count == 2)
        let one = feed.articles[0]
        #expect(one.link == "https://json.example.com/one")
        #expect(one.canonicalURL == "https://json.example.com/one")
        #expect(one.contentHTML == "<p>One </p>")
        #expect(one.summary == "First")
        #expect(one.published == utc("2022-01-13T17:01:10Z"))
        #expect(one.updated == utc("2022-01-14T02:00:00Z"))
        #expect(one.tags == ["a", "b"])
        #expect(one.enclosures.count == 1)
        let two = feed.articles[1]
        #expect(two.link == nil)
        #expect(two.canonicalURL == CanonicalURL.fallbackKey(source: "https://json.example.com/feed.json", guid: "2"))
        #expect(two.contentHTML == "plain &lt;text&gt;")
    }

    @Test func feedburnerOrigLinkWins() throws {
        let item = try #require(try parse("feedburner.xml").articles.first)
        #expect(item.link == "http://burned.example.com/2022/real-post/")
        #expect(item.canonicalURL == "https://burned.example.com/2022/real-post/")
    }
}
