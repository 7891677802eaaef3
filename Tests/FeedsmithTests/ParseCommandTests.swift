import Foundation
import Testing

/// `feedsmith parse FILE`, run as a user would.
@Suite("feedsmith parse")
struct ParseCommandTests {
    @Test("a GBK-encoded RSS file prints as a JSON Feed with its Chinese text intact")
    func gbkFeed() throws {
        let file = Bundle.module.url(forResource: "Fixtures/gbk", withExtension: "xml")!
        let result = try Shell.feedsmith(["parse", file.path], in: file.deletingLastPathComponent())
        #expect(result.status == 0, "\(result.stderr)")
        let feed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(feed?["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed?["title"] as? String == "中文新闻")
        let item = (feed?["items"] as? [[String: Any]])?.first
        #expect(item?["title"] as? String == "北京冬奥会开幕")
        #expect(item?["id"] as? String == "https://gbk.example.cn/news/1.html")
        #expect(item?["url"] as? String == "http://gbk.example.cn/news/1.html")
    }

    @Test("a file that is not a feed is an error naming it, with exit status 2")
    func notAFeed() throws {
        let site = try SiteFolder("minimal")
        defer { site.remove() }
        let result = try Shell.feedsmith(["parse", "feeds.yml"], in: site.url)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("feeds.yml:1: error: "), "\(result.stderr)")
    }
}
