import Foundation
import Testing
import FeedModel
@testable import FeedWriting

/// What a reader of the sample feed sees, checked apart from the golden files so a re-record
/// cannot silently accept a wrong date or an escape that breaks out of CDATA.
@Suite struct FeedContentTests {
    static let rss = SampleFeed.document.render(.rss)
    static let atom = SampleFeed.document.render(.atom)
    static let json = SampleFeed.document.render(.json)

    @Test func feedDateIsTheNewestArticlesNotTheClock() {
        #expect(SampleFeed.document.updated == SampleFeed.instant("2022-02-15T00:00:00Z"))
        #expect(Self.rss.contains("<lastBuildDate>Tue, 15 Feb 2022 08:00:00 +0800</lastBuildDate>"))
        #expect(Self.atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(Self.atom.contains("\n  <updated>2022-02-15T08:00:00+08:00</updated>"))
    }

    @Test func rssDatesAreRFC822WithFourDigitYears() {
        #expect(Self.rss.contains("<pubDate>Fri, 14 Jan 2022 01:01:10 +0800</pubDate>"))
        #expect(Self.rss.contains("<pubDate>Wed, 19 Jan 2022 09:01:10 +0800</pubDate>"))
        // 2021-12-31T23:59:59Z is New Year's Day in Shanghai.
        #expect(Self.rss.contains("<pubDate>Sat, 01 Jan 2022 07:59:59 +0800</pubDate>"))
    }

    @Test func atomDatesAreRFC3339() {
        #expect(Self.atom.contains("<published>2022-01-14T01:01:10+08:00</published>"))
        #expect(Self.atom.contains("<updated>2022-01-14T01:01:10+08:00</updated>"))  // updated defaults to published
        #expect(Self.atom.contains("<published>2022-01-19T09:01:10+08:00</published>"))
        #expect(Self.atom.contains("<updated>2022-02-15T08:00:00+08:00</updated>"))
        #expect(Self.json.contains("\"date_published\": \"2022-01-01T07:59:59+08:00\""))
    }

    @Test func cdataCannotBeClosedByContent() {
        #expect(Self.rss.contains("<code>a[b[0]]]]><![CDATA[></code>"))
        #expect(Self.rss.components(separatedBy: "]]>").count - 1 == Self.rss.components(separatedBy: "<![CDATA[").count - 1)
        // Outside CDATA `]]>` is escaped text.
        #expect(Self.rss.contains("<description>Tom &amp; Jerry say ]]&gt; is not the end.</description>"))
        #expect(Self.atom.contains("&lt;code&gt;a[b[0]]&gt;&lt;/code&gt; &amp; more"))
    }

    @Test(arguments: [FeedFormat.rss, .atom])
    func charactersXMLForbidsAreDropped(format: FeedFormat) {
        let xml = SampleFeed.document.render(format)
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(xml.contains("债券市场 &amp; 风险 &lt;提示&gt;"))
        #expect(xml.contains("第二段。"))
    }

    @Test func jsonEscapesControlCharactersInsteadOfDroppingThem() throws {
        #expect(Self.json.contains("\"title\": \"债券\\u0001市场 & 风险 <提示>\""))
        let parsed = try JSONSerialization.jsonObject(with: Data(Self.json.utf8)) as? [String: Any]
        let items = try #require(parsed?["items"] as? [[String: Any]])
        #expect(items.count == 3)
        #expect(items.first?["id"] as? String == "https://example.com/bonds/2022/01/19/risk.html")
        #expect(parsed?["version"] as? String == "https://jsonfeed.org/version/1.1")
    }

    @Test func itemsKeepTheGivenOrderWithIdsFromCanonicalURLs() {
        let guids = Self.rss.components(separatedBy: "<guid").dropFirst().map { $0.prefix(while: { $0 != "<" }) }
        #expect(guids == [
            " isPermaLink=\"false\">https://example.com/bonds/2022/01/19/risk.html",
            " isPermaLink=\"true\">https://example.com/zhengquanribao/2022/01/14/jiasu-shuzihua-zhuanxing.html",
            " isPermaLink=\"false\">https://partner.example.org/story?id=7",
        ])
        #expect(Self.atom.contains("<id>https://partner.example.org/story?id=7</id>"))
        #expect(Self.atom.contains("<link href=\"https://partner.example.org/story?id=7&amp;amp=1\" rel=\"alternate\""))
    }

    @Test func authorsWithAndWithoutEmail() {
        // Several authors, or one without an address: each a <dc:creator>.
        #expect(Self.rss.contains("<dc:creator>编辑部</dc:creator>\n      <dc:creator>desk@example.com</dc:creator>"))
        #expect(Self.rss.contains("<dc:creator>王毛路</dc:creator>"))
        #expect(Self.rss.contains("<managingEditor>editor@example.com (编辑部)</managingEditor>"))
        #expect(Self.atom.contains("<author>\n      <name>王毛路</name>\n    </author>"))
        #expect(Self.atom.contains("<name>desk@example.com</name>\n      <email>desk@example.com</email>\n      <uri>https://example.com/desk</uri>"))
        #expect(Self.json.contains("\"name\": \"编辑部\",\n          \"url\": \"mailto:editor@example.com\""))
    }

    @Test func oneAuthorWithAnAddressIsTheRSSAuthor() {
        var document = SampleFeed.document
        document.articles[1].authors = [SampleFeed.editor]
        document.articles[0].authors = [Author(email: "solo@example.com")]
        let rss = document.render(.rss)
        #expect(rss.contains("<author>editor@example.com (编辑部)</author>"))
        #expect(rss.contains("<author>solo@example.com</author>"))
        #expect(!rss.contains("<dc:creator>"))
    }

    /// The W3C validator's rule (RSS Board profile): an item holds at most one of each element
    /// but category; the validator also warns when <author> and <dc:creator> are mixed.
    @Test func rssItemsHoldNoDuplicateElements() throws {
        var document = SampleFeed.document
        document.articles[0].enclosures.append(Enclosure(url: "https://example.com/b.mp3", type: "audio/mpeg", length: 9))
        document.articles[0].authors.append(SampleFeed.editor)
        let rss = document.render(.rss)
        for item in rss.components(separatedBy: "<item>").dropFirst() {
            for element in ["title", "link", "guid", "pubDate", "author", "description", "content:encoded", "enclosure"] {
                #expect(item.components(separatedBy: "<\(element)>").count + item.components(separatedBy: "<\(element) ").count <= 3,
                        "\(element) repeated in \(item.prefix(80))")
            }
            #expect(!(item.contains("<author>") && item.contains("<dc:creator>")))
        }
        #expect(rss.contains("<enclosure url=\"https://example.com/audio/risk.mp3\""))
        #expect(!rss.contains("https://example.com/b.mp3"))
        // Atom has room for every enclosure.
        #expect(document.render(.atom).contains("<link rel=\"enclosure\" href=\"https://example.com/b.mp3\""))
    }

    @Test func categoriesAndTagsAreSortedTerms() {
        #expect(Self.rss.contains("<category>finance</category>\n      <category>zhengquanribao</category>\n      <category>证券日报新闻</category>"))
        #expect(Self.atom.contains("<category term=\"Bonds\" />\n    <category term=\"债券\" />\n    <category term=\"风险\" />"))
        #expect(Self.json.contains("\"tags\": [\n        \"债券\",\n        \"风险\"\n      ]"))
    }

    @Test func selfLinksLanguageAndGenerator() {
        #expect(Self.rss.contains("<atom:link href=\"https://feeds.example.com/rss.xml\" rel=\"self\" type=\"application/rss+xml\" />"))
        #expect(Self.rss.contains("<language>zh-CN</language>"))
        #expect(Self.rss.contains("<generator>feedsmith \(feedsmithVersion)</generator>"))
        #expect(Self.atom.contains("<link href=\"https://feeds.example.com/atom.xml\" rel=\"self\" type=\"application/atom+xml\" />"))
        #expect(Self.atom.contains("xml:lang=\"zh-CN\""))
        #expect(Self.atom.contains("<id>https://feeds.example.com/atom.xml</id>"))
        #expect(Self.json.contains("\"feed_url\": \"https://feeds.example.com/feed.json\""))
    }

    @Test func emptyFeedSaysNineteenSeventy() {
        var empty = SampleFeed.document
        empty.articles = []
        #expect(empty.render(.rss).contains("<lastBuildDate>Thu, 01 Jan 1970 08:00:00 +0800</lastBuildDate>"))
    }
}
