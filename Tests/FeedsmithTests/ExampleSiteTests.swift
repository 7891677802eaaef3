import Foundation
import Testing
import TestSupport

/// The repository's example site, built by the real binary and read by independent tools.
@Suite("Example site")
struct ExampleSiteTests {
    static let output = Shell.repository.appendingPathComponent("output")

    @Test("the committed output/ is exactly what a build writes")
    func committedOutputIsCurrent() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let committed = SiteFolder.files(under: Self.output)
        #expect(site.outputFiles() == committed, "run `swift run feedsmith build` and commit output/")
        for path in committed {
            let built = try Data(contentsOf: site.output.appendingPathComponent(path))
            let stored = try Data(contentsOf: Self.output.appendingPathComponent(path))
            #expect(built == stored, "output/\(path) is stale: run `swift run feedsmith build` and commit it")
        }
    }

    @Test("every RSS and Atom file is well-formed, and Atom passes the RELAX NG schema")
    func xmllintAccepts() throws {
        let files = SiteFolder.files(under: Self.output).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".opml") }
        #expect(files.count == 15)
        for path in files {
            let url = Self.output.appendingPathComponent(path)
            #expect(try XMLLint.problems(url) == "", "\(path)")
            if path.hasSuffix("atom.xml") {
                #expect(try XMLLint.problems(url, relaxNG: XMLLint.atomSchema) == "", "\(path)")
            }
        }
    }

    @Test("feedparser reads every feed without complaint and sees the same items as the JSON Feed")
    func feedparserAgrees() throws {
        let files = SiteFolder.files(under: Self.output).filter { $0.hasSuffix("rss.xml") || $0.hasSuffix("atom.xml") }
        let parsed = try ParsedFeed.parse(files.map { Self.output.appendingPathComponent($0) })
        #expect(parsed.count == 14)
        for (path, feed) in zip(files, parsed) {
            #expect(!feed.bozo, "\(path): \(feed.bozo_exception)")
            #expect(feed.version == (path.hasSuffix("rss.xml") ? "rss20" : "atom10"))
            #expect(feed.language == "zh-CN")
            let json = try JSONFeed.load(Self.output.appendingPathComponent(
                path.replacingOccurrences(of: path.hasSuffix("rss.xml") ? "rss.xml" : "atom.xml", with: "feed.json")))
            #expect(feed.entries.map(\.title) == json.items.map(\.title), "\(path)")
            #expect(feed.entries.map(\.link) == json.items.map(\.url), "\(path)")
            #expect(feed.entries.map(\.id) == json.items.map(\.id), "\(path)")
            let published = feed.entries.map(\.published)
            #expect(published == json.items.map { $0.published }, "\(path)")
            #expect(published.compactMap { $0 } == published.compactMap { $0 }.sorted(by: >), "\(path) is not newest first")
            #expect(feed.updated == published.compactMap { $0 }.max(), "\(path): the feed date is the newest item's")
            for entry in feed.entries {
                #expect(entry.link?.hasPrefix("https://finews.withounder.com/") == true)
            }
        }
    }

    @Test("the seed post is published as a reader expects")
    func seedPost() throws {
        let feed = try #require(try ParsedFeed.parse([Self.output.appendingPathComponent("category/zhengquanribao/atom.xml")]).first)
        let entry = try #require(feed.entries.first { $0.title == "加速数字化转型 多地推进资本市场金融科技创新试点" })
        #expect(entry.link == "https://finews.withounder.com/zhengquanribao/2022/01/14/jiasu-shuzihua-zhuanxing.html")
        #expect(entry.published == 1_642_093_270)  // 2022-01-14 01:01:10 +0800
        #expect(entry.tags == ["zhengquanribao", "证券日报新闻"])
        #expect(entry.author == "编辑部 (editor@withounder.com)")
        let content = try #require(entry.content)
        #expect(content.contains(#"<a href="http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201142247116970">"#))
        #expect(content.contains(#"<a href="https://finews.withounder.com/category/zhengquanribao.html">返回证券日报新闻</a>"#))
        #expect(content.contains("<p><strong>多个试点项目</strong></p>"))
    }

    @Test("drafts, unpublished and future posts appear nowhere; titles come from slugs; folders are categories")
    func jekyllRules() throws {
        let all = try String(contentsOf: Self.output.appendingPathComponent("rss.xml"), encoding: .utf8)
        #expect(!all.contains("2031年中期资本市场展望"))
        #expect(!all.contains("券商1月经营数据前瞻"))
        #expect(!all.contains("草稿"))
        #expect(all.contains("<title>A Share Market Weekly Review</title>"))
        let finance = try String(contentsOf: Self.output.appendingPathComponent("category/finance/rss.xml"), encoding: .utf8)
        #expect(finance.contains("<link>https://finews.withounder.com/finance/yinhang/2022/01/22/folder-category.html</link>"))
        let index = try String(contentsOf: Self.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains(#"<link rel="alternate" type="application/atom+xml" title="财经新闻 · caixin" href="https://finews.withounder.com/category/caixin/atom.xml">"#))
    }
}

/// The fields of our own JSON Feed that the cross-check needs.
struct JSONFeed: Decodable {
    struct Item: Decodable {
        var id: String
        var url: String?
        var title: String?
        var date_published: String?

        var published: Int? {
            date_published.flatMap { ISO8601DateFormatter().date(from: $0) }.map { Int($0.timeIntervalSince1970) }
        }
    }

    var version: String
    var title: String?
    var items: [Item]

    static func load(_ url: URL) throws -> JSONFeed {
        try JSONDecoder().decode(JSONFeed.self, from: Data(contentsOf: url))
    }
}
