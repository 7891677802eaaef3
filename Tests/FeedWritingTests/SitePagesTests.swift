import Testing
import FeedModel
@testable import FeedWriting

/// `feeds.opml` subscribes once per feed; `index.html` offers autodiscovery links for each file.
@Suite struct SitePagesTests {
    static let opml = SampleFeed.pages.opml()
    static let html = SampleFeed.pages.indexHTML()

    @Test func opmlHasOneOutlinePerFeedInItsPreferredFormat() {
        let outlines = Self.opml.components(separatedBy: "<outline ").dropFirst()
        #expect(outlines.count == 3)
        #expect(outlines.first?.contains("type=\"rss\" xmlUrl=\"https://feeds.example.com/rss.xml\"") == true)
        #expect(Self.opml.contains("title=\"财经新闻 · Bonds &amp; &quot;Rates&quot;\" type=\"rss\" "
            + "xmlUrl=\"https://feeds.example.com/category/bonds/atom.xml\""))
        #expect(Self.opml.contains("type=\"json\" xmlUrl=\"https://feeds.example.com/category/json/feed.json\""))
    }

    @Test func indexHasAnAutodiscoveryLinkPerFile() {
        let links = Self.html.components(separatedBy: "<link rel=\"alternate\"").count - 1
        #expect(links == 3 + 2 + 1)
        #expect(Self.html.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"财经新闻\" "
            + "href=\"https://feeds.example.com/rss.xml\">"))
        #expect(Self.html.contains("<html lang=\"zh-CN\">"))
    }

    @Test func indexEscapesTextAndDropsForbiddenCharacters() {
        #expect(Self.html.contains("<p>证券与财经新闻 &amp; &lt;更多&gt;</p>"))
        #expect(Self.html.contains("<h2>财经新闻 · Bonds &amp; &quot;Rates&quot;</h2>"))
        #expect(Self.html.contains("<li>No link</li>"))
        #expect(Self.html.contains("<li><a href=\"https://partner.example.org/story?id=7&amp;amp=1\">新年第一篇</a></li>"))
        #expect(!Self.html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
