import Foundation
import Testing

/// A real feed reader, newsboat, subscribed to `feedsmith serve`: what it stores in its cache is
/// what a reader shows (newsboat's exit status is always 0, so the cache is the evidence).
@Suite("newsboat reads the served feeds")
struct NewsboatTests {
    struct Item: Decodable, Hashable {
        var feedurl: String
        var title: String
        var url: String
        var pubDate: Int
        var unread: Int
    }

    struct Cache: Decodable {
        var feeds: [String: String]
        var items: [Item]
    }

    @Test("newsboat sees each feed's title, items, links and dates; after a new post, exactly one new unread item",
          arguments: ["rss.xml", "atom.xml", "category/finance/rss.xml", "category/finance/atom.xml"])
    func subscribe(path: String) async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        #expect(try await offThePool { try site.build() }.status == 0)
        let server = try await offThePool { try RunningServer(site: site) }
        defer { server.stop() }
        // One reader per feed: newsboat keeps an item once across its feeds (by guid), and the
        // RSS and Atom feeds, or a category and the whole site, share theirs.
        let home = site.url.appendingPathComponent("reader")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let url = "http://127.0.0.1:\(server.port)/\(path)"
        try Data((url + "\n").utf8).write(to: home.appendingPathComponent("urls"))
        try Data().write(to: home.appendingPathComponent("config"))

        let first = try await offThePool { try reload(home) }
        let json = try JSONFeed.load(site.output.appendingPathComponent(
            path.replacingOccurrences(of: path.hasSuffix("rss.xml") ? "rss.xml" : "atom.xml", with: "feed.json")))
        #expect(first.feeds[url] == json.title)
        #expect(Set(first.items.map(\.title)) == Set(json.items.compactMap(\.title)))
        #expect(Set(first.items.map(\.url)) == Set(json.items.compactMap(\.url)))
        #expect(Set(first.items.map(\.pubDate)) == Set(json.items.compactMap(\.published)))
        #expect(first.items.count == json.items.count)
        #expect(first.items.allSatisfy { $0.feedurl == url && $0.unread == 1 })
        #expect(server.logText.contains("\"GET /\(path) HTTP/1.1\" 200 "), "\(server.logText)")

        try site.write("---\ntitle: 订阅者看到的新文章\ndate: 2022-03-01 08:00:00 +0800\ncategories: finance\n---\n正文。\n",
                       to: "_posts/2022-03-01-for-readers.md")
        #expect(try await offThePool { try site.build() }.status == 0)
        let second = try await offThePool { try reload(home) }
        let new = Set(second.items).subtracting(first.items)
        #expect(new.map(\.title) == ["订阅者看到的新文章"])
        #expect(new.first?.unread == 1)
        #expect(new.first?.pubDate == 1_646_092_800)
        #expect(second.items.count == first.items.count + 1)
    }

    /// `newsboat -x reload` with a private urls file, config and cache, then the cache read.
    @Sendable func reload(_ home: URL) throws -> Cache {
        let cache = home.appendingPathComponent("cache.db").path
        let result = try Shell.run("newsboat", ["-u", home.appendingPathComponent("urls").path, "-c", cache,
                                               "-C", home.appendingPathComponent("config").path, "-x", "reload"], in: home)
        guard FileManager.default.fileExists(atPath: cache) else {
            throw CheckFailure(message: "newsboat wrote no cache: \(result.stdout)\(result.stderr)")
        }
        let dump = try Shell.run("python3", ["-c", """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            feeds = {url: title for url, title in db.execute("SELECT rssurl, title FROM rss_feed")}
            items = [dict(feedurl=f, title=t, url=u, pubDate=p, unread=r) for f, t, u, p, r in
                     db.execute("SELECT feedurl, title, url, pubDate, unread FROM rss_item")]
            print(json.dumps(dict(feeds=feeds, items=items)))
            """, cache])
        return try JSONDecoder().decode(Cache.self, from: Data(dump.stdout.utf8))
    }
}
