import Foundation
import Testing
import FeedModel
@testable import Posts

/// Jekyll's front matter rules, read from the fixture site's posts.
@Suite struct PostReaderTests {
    /// Post file, and the instant its date names (written as UTC, read by Foundation).
    static let dates: [(String, String)] = [
        ("_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md", "2022-01-13T17:01:10Z"),  // +0800 offset
        ("_posts/2022-01-19-iso-date.md", "2022-01-19T01:01:10Z"),                  // ISO 8601 Z
        ("_posts/2022-01-10-no-date.md", "2022-01-09T16:00:00Z"),                   // name, 00:00 in Shanghai
        ("_posts/2022-02-15-zoneless.md", "2022-02-15T00:00:00Z"),                  // 08:00 in Shanghai
        ("finance/_posts/2022-01-22-folder-category.md", "2022-01-22T02:00:00Z"),
    ]

    @Test(arguments: dates)
    func readsTheDate(path: String, utc: String) throws {
        let post = try #require(try SiteFixture.post(path))
        #expect(post.date == instant(utc))
    }

    static let terms: [(String, [String], [String])] = [
        // A single word as a string.
        ("_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md", ["zhengquanribao"], ["证券日报新闻"]),
        // YAML lists (flow and block).
        ("_posts/2022-01-19-iso-date.md", ["Markets", "Bonds"], ["债券", "利率"]),
        // Space-separated strings.
        ("_posts/2022-02-15-zoneless.md", ["economy", "policy"], ["growth", "inflation"]),
        // `category:` and `tag:` name one each, spaces and all (Jekyll's pluralized_array_from_hash).
        ("_posts/2022-01-10-no-date.md", ["宏观"], ["展望 2022"]),
        // The folder first, then `categories`, then `category`.
        ("finance/_posts/2022-01-22-folder-category.md", ["finance", "Banks", "Central Banks"], ["银行"]),
        ("_posts/2022-01-12-title-from-the-slug.md", [], []),
    ]

    @Test(arguments: terms)
    func readsCategoriesAndTags(path: String, categories: [String], tags: [String]) throws {
        let post = try #require(try SiteFixture.post(path))
        #expect(post.categories == categories)
        #expect(post.tags == tags)
    }

    @Test func titleComesFromTheSlugWhenMissing() throws {
        let post = try #require(try SiteFixture.post("_posts/2022-01-12-title-from-the-slug.md"))
        #expect(post.title == "Title From The Slug")
    }

    @Test func quotedTitleIsReadAsWritten() throws {
        let post = try #require(try SiteFixture.post("_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"))
        #expect(post.title == "加速数字化转型 多地推进资本市场金融科技创新试点")
    }

    @Test(arguments: [
        ("_posts/2022-01-13-not-published.md", "published: false"),
        ("_posts/2022-03-05-from-the-future.md", "dated in the future"),
    ])
    func isNotPublished(path: String, reason: String) throws {
        let file = try #require(SiteFixture.file(path))
        let outcome = try SiteFixture.reader().read(file)
        #expect(outcome.unpublishedReason == reason)
    }

    @Test func futureIsRelativeToTheGivenClock() throws {
        var configuration = SiteFixture.configuration()
        configuration.now = instant("2022-03-05T02:00:00Z")  // 10:00 in Shanghai
        let file = try #require(SiteFixture.file("_posts/2022-03-05-from-the-future.md"))
        let outcome = try PostReader(configuration: configuration, root: SiteFixture.root).read(file)
        #expect(outcome.post?.date == instant("2022-03-05T02:00:00Z"))
    }

    @Test func canonicalURLOverridesThePermalinkAsIdentity() throws {
        let post = try #require(try SiteFixture.post("_posts/2022-01-16-canonical.md"))
        #expect(post.url == "https://example.com/2022/01/16/canonical.html")
        #expect(post.canonicalURL == "https://original.example.org/2022/story.html?a=1&b=2")
    }

    @Test func otherwiseThePermalinkIsTheCanonicalURL() throws {
        let post = try #require(try SiteFixture.post("_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"))
        // The day is Shanghai's (14 January), not UTC's (13 January).
        #expect(post.url == "https://example.com/zhengquanribao/2022/01/14/jiasu-shuzihua-zhuanxing.html")
        #expect(post.canonicalURL == post.url)
    }

    @Test func everyGoodPostIsPublishedAndEveryBadOneFails() {
        let outcomes = SiteFixture.readAll()
        let published = outcomes.filter { (try? $0.value.get().post) != nil }.keys.sorted()
        let failed = outcomes.filter { if case .failure = $0.value { true } else { false } }.keys.sorted()
        #expect(published == [
            "_posts/2022-01-10-no-date.md", "_posts/2022-01-12-title-from-the-slug.md",
            "_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md", "_posts/2022-01-16-canonical.md",
            "_posts/2022-01-17-html-post.html", "_posts/2022-01-19-iso-date.md",
            "_posts/2022-02-15-zoneless.md", "finance/_posts/2022-01-22-folder-category.md",
        ])
        #expect(failed == [
            "_posts/2022-01-20-broken-yaml.md", "_posts/2022-01-21-bad-date.md",
            "_posts/2022-01-23-bad-utf8.md", "_posts/2022-01-24-no-front-matter.md",
        ])
    }

    @Test func articleCarriesThePost() throws {
        let post = try #require(try SiteFixture.post("_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"))
        let article = post.article()
        #expect(article.canonicalURL == "https://example.com/zhengquanribao/2022/01/14/jiasu-shuzihua-zhuanxing.html")
        #expect(article.link == article.canonicalURL)
        #expect(article.title == "加速数字化转型 多地推进资本市场金融科技创新试点")
        #expect(article.categories == ["zhengquanribao"])
        #expect(article.tags == ["证券日报新闻"])
        #expect(article.published == instant("2022-01-13T17:01:10Z"))
        #expect(article.updated == article.published)
        #expect(article.sources == ["_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"])
        #expect(article.isLocal)
        // No `excerpt` in the front matter: the summary is the first paragraph's text.
        #expect(article.summary == "1月12日，南京召开资本市场金融科技创新试点工作部署推进会，提出要持续营造金融科技创新生态的“南京特色”。"
            + "截至目前，南京、北京、上海、深圳、广州获批资本市场金融科技创新试点。")
    }

    @Test func htmlPostIsNotRenderedAsMarkdownButIsCleaned() throws {
        let post = try #require(try SiteFixture.post("_posts/2022-01-17-html-post.html"))
        #expect(post.url == "https://example.com/2022/01/17/html-post.html")
        let html = try #require(post.article().contentHTML)
        #expect(html.contains("<img src=\"https://example.com/2022/01/17/img/chart.png\" alt=\"chart\" />"))
        #expect(html.contains("<p>**not Markdown**</p>"))
        #expect(html.contains("<em>HTML</em>"))
    }
}
