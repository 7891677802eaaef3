import Foundation
import HTTPTestServer
@testable import Feedsmith
import Testing

/// `feedsmith merge URL` against a real HTTP server on 127.0.0.1: conditional GET, 304, 410.
@Suite("feedsmith merge URL")
struct MergeURLTests {
    static func feed(_ titles: [String], path: String = "a") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>partner</title><link>https://partner.example/</link>
        \(titles.enumerated().map { index, title in
            "<item><title>\(title)</title><link>https://partner.example/\(path)/\(index)</link><pubDate>Mon, 0\(index + 1) Jan 2024 00:00:00 +0000</pubDate></item>"
        }.joined())
        </channel></rss>
        """
    }

    func titles(_ site: SiteFolder) throws -> [String] {
        let result = try Shell.feedsmith(["articles", "--site", "."], in: site.url)
        let feed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (feed?["items"] as? [[String: Any]] ?? []).map { $0["title"] as! String }
    }

    @Test("the stored ETag and Last-Modified make the next fetch conditional; a 304 changes nothing")
    func conditionalGet() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let server = try await TestHTTPServer.start(["/feed.xml": { request in
            if request.header("If-None-Match") == "\"v1\"" { return ScriptedResponse(status: 304, headers: [("ETag", "\"v1\"")]) }
            return ScriptedResponse(headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"v1\""),
                                              ("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")],
                                    body: Array(Self.feed(["one", "two"]).utf8))
        }])
        let url = server.url("/feed.xml")
        let first = try Shell.feedsmith(["merge", "--no-build", "--site", ".", url], in: site.url)
        let second = try Shell.feedsmith(["merge", "--no-build", "--site", ".", url], in: site.url)
        try await server.shutdown()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "\(url): 2 item(s): 2 new, 0 changed, 0 unchanged\n")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == "\(url): not modified\n")
        #expect(server.requests.count == 2)
        #expect(server.requests.first?.header("If-None-Match") == nil)
        #expect(server.requests.last?.header("If-None-Match") == "\"v1\"")
        #expect(server.requests.last?.header("If-Modified-Since") == "Mon, 01 Jan 2024 00:00:00 GMT")
        #expect(try titles(site) == ["one", "two"])
    }

    @Test("429 with Retry-After is an error; the next run sends no request before that time")
    func retryAfterIsHonoured() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let server = try await TestHTTPServer.start([
            "/busy.xml": { _ in ScriptedResponse(status: 429, headers: [("Retry-After", "3600")]) },
        ])
        let url = server.url("/busy.xml")
        let first = try Shell.feedsmith(["merge", "--no-build", "--site", ".", url], in: site.url)
        let second = try Shell.feedsmith(["merge", "--no-build", "--site", ".", url], in: site.url)
        try await server.shutdown()
        #expect(first.status == 1)
        #expect(first.stderr.hasPrefix("\(url): error: the server is busy: HTTP 429"), "\(first.stderr)")
        #expect(first.stderr.contains("3600 seconds"), "\(first.stderr)")
        // An hour later at the earliest: the second run waits without asking again.
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("\(url): waiting: the server asked not to be fetched before "), "\(second.stdout)")
        #expect(server.requests.count == 1)
    }

    @Test("410 Gone is an error naming the source; the other sources merge and nothing stored is lost")
    func goneAndFailing() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let server = try await TestHTTPServer.start([
            "/good.xml": { _ in .ok(Self.feed(["kept"])) },
            "/later.xml": { _ in .ok(Self.feed(["x", "y", "z"], path: "b")) },
            "/gone.xml": { _ in ScriptedResponse(status: 410) },
            "/missing.xml": { _ in ScriptedResponse(status: 404) },
        ])
        let first = try Shell.feedsmith(["merge", "--no-build", "--site", ".", server.url("/good.xml")], in: site.url)
        let second = try Shell.feedsmith(["merge", "--no-build", "--site", ".", server.url("/gone.xml"),
                                          server.url("/missing.xml"), server.url("/later.xml")], in: site.url)
        try await server.shutdown()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 1)
        #expect(second.stderr == """
            \(server.url("/gone.xml")): error: the feed is gone (HTTP 410 Gone): its publisher removed it; marked dead
            \(server.url("/missing.xml")): error: the server answered HTTP 404 Not Found

            """)
        #expect(second.stdout == "\(server.url("/later.xml")): 3 item(s): 3 new, 0 changed, 0 unchanged\n")
        #expect(try titles(site) == ["kept", "x", "y", "z"])
    }
}

/// `feedsmith aggregate`: the `sources:` of feeds.yml, each with its own categories.
@Suite("feedsmith aggregate")
struct AggregateTests {
    @Test("every source is merged with its categories; the next run is all 304s; a gone source is skipped")
    func aggregate() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let server = try await TestHTTPServer.start([
            "/a.xml": { request in
                if request.header("If-None-Match") == "\"a\"" { return ScriptedResponse(status: 304) }
                return ScriptedResponse(headers: [("ETag", "\"a\"")], body: Array(MergeURLTests.feed(["a0", "a1"], path: "a").utf8))
            },
            "/b.xml": { request in
                if request.header("If-Modified-Since") != nil { return ScriptedResponse(status: 304) }
                return ScriptedResponse(headers: [("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")],
                                        body: Array(MergeURLTests.feed(["b0"], path: "b").utf8))
            },
            "/gone.xml": { _ in ScriptedResponse(status: 410) },
        ])
        let configuration = try site.read("feeds.yml") + """
            sources:
              - url: \(server.url("/a.xml"))
                categories: [伙伴A]
              - url: \(server.url("/gone.xml"))
              - url: \(server.url("/b.xml"))
                categories: [partner-b, 伙伴A]

            """
        try site.write(configuration, to: "feeds.yml")
        let first = try Shell.feedsmith(["aggregate", "--site", "."], in: site.url)
        let second = try Shell.feedsmith(["aggregate", "--site", ".", "--no-build"], in: site.url)
        try await server.shutdown()
        #expect(first.status == 1)
        #expect(first.stderr == "\(server.url("/gone.xml")): error: the feed is gone (HTTP 410 Gone): its publisher removed it; marked dead\n")
        #expect(first.stdout.hasPrefix("""
            \(server.url("/a.xml")): 2 item(s): 2 new, 0 changed, 0 unchanged
            \(server.url("/b.xml")): 1 item(s): 1 new, 0 changed, 0 unchanged

            """), "\(first.stdout)")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == """
            \(server.url("/a.xml")): not modified
            \(server.url("/gone.xml")): skipped: gone (HTTP 410) since an earlier run; remove it from feeds.yml
            \(server.url("/b.xml")): not modified

            """)
        let feed = try JSONSerialization.jsonObject(with: Data(site.read("output/category/伙伴a/feed.json").utf8)) as? [String: Any]
        let titles = (feed?["items"] as? [[String: Any]] ?? []).map { $0["title"] as! String }
        #expect(titles == ["a1", "a0", "b0"])
        #expect(try site.read("output/category/partner-b/feed.json").contains("\"b0\""))
    }

    @Test("sources are dealt into lanes of at most two per host")
    func lanes() {
        let urls = ["https://a.example/1", "https://b.example/1", "https://A.example/2", "https://a.example/3",
                    "https://c.example/1"]
        #expect(Aggregator.lanes(urls) == [[0, 3], [2], [1], [4]])
    }
}
