import Foundation
import FeedModel
import FeedWriting

/// One feed built by hand: what the golden files are written from.
enum SampleFeed {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// An instant written in ISO 8601, read by Foundation rather than by the code under test.
    static func instant(_ iso: String) -> Instant {
        Instant(secondsSince1970: Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970))
    }

    static let editor = Author(name: "编辑部", email: "editor@example.com")

    static let articles = [
        // Updated last of the three: the feed's date is this article's `updated`.
        Article(
            canonicalURL: "https://example.com/bonds/2022/01/19/risk.html",
            link: "http://example.com/bonds/2022/01/19/risk.html",
            title: "债券\u{1}市场 & 风险 <提示>",
            summary: "Tom & Jerry say ]]> is not the end.",
            contentHTML: "<p>Tom &amp; Jerry: <code>a[b[0]]></code> & more</p>\n<p>第二段\u{1}。</p>",
            authors: [Author(name: "王毛路")],
            categories: ["Bonds"], tags: ["债券", "风险"],
            published: instant("2022-01-19T01:01:10Z"), updated: instant("2022-02-15T00:00:00Z"),
            enclosures: [Enclosure(url: "https://example.com/audio/risk.mp3", type: "audio/mpeg", length: 1234)],
            sources: ["_posts/2022-01-19-risk.md"], isLocal: true),
        Article(
            canonicalURL: "https://example.com/zhengquanribao/2022/01/14/jiasu-shuzihua-zhuanxing.html",
            link: "https://example.com/zhengquanribao/2022/01/14/jiasu-shuzihua-zhuanxing.html",
            title: "加速数字化转型 多地推进资本市场金融科技创新试点",
            summary: "1月12日，南京召开资本市场金融科技创新试点工作部署推进会。",
            contentHTML: "<p>1月12日，南京召开资本市场金融科技创新试点工作部署推进会。</p>\n"
                + "<p><a href=\"https://finews.withounder.com/\">返回首页</a></p>",
            authors: [editor, Author(name: nil, email: "desk@example.com", uri: "https://example.com/desk")],
            categories: ["zhengquanribao", "finance"], tags: ["证券日报新闻"],
            published: instant("2022-01-13T17:01:10Z"),
            sources: ["_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"], isLocal: true),
        // New Year's Day in Shanghai, still 2021 in UTC; no author, no summary.
        Article(
            canonicalURL: "https://partner.example.org/story?id=7",
            link: "https://partner.example.org/story?id=7&amp=1",
            title: "新年第一篇",
            contentHTML: "<p>Happy new year — 新年快乐!</p>",
            categories: ["partner"],
            published: instant("2021-12-31T23:59:59Z"),
            image: "https://partner.example.org/img/new-year.png",
            sources: ["https://partner.example.org/feed.xml"]),
    ]

    static let document = FeedDocument(
        title: "财经新闻", description: "证券与财经新闻", homePageURL: "https://example.com/",
        selfURLs: [.rss: "https://feeds.example.com/rss.xml", .atom: "https://feeds.example.com/atom.xml",
                   .json: "https://feeds.example.com/feed.json"],
        language: "zh-CN", authors: [editor], timeZone: shanghai, articles: articles)

    static let pages = SitePages(
        title: "财经新闻", description: "证券与财经新闻 & <更多>", homePageURL: "https://example.com/",
        language: "zh-CN",
        feeds: [
            FeedListing(title: "财经新闻", category: nil, urls: document.selfURLs,
                        latest: articles.map { ($0.title, $0.link) }),
            FeedListing(title: "财经新闻 · Bonds & \"Rates\"", category: "Bonds",
                        urls: [.atom: "https://feeds.example.com/category/bonds/atom.xml",
                               .json: "https://feeds.example.com/category/bonds/feed.json"],
                        latest: [(articles[0].title, articles[0].link), ("No link", nil)]),
            FeedListing(title: "JSON only", category: "json",
                        urls: [.json: "https://feeds.example.com/category/json/feed.json"], latest: []),
        ])
}
