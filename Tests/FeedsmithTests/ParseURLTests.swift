import Foundation
import HTTPTestServer
import Testing

/// `feedsmith parse URL` against a real HTTP server on 127.0.0.1, run as a user would.
@Suite("feedsmith parse URL")
struct ParseURLTests {
    static let gbk = Array(try! Data(contentsOf: Bundle.module.url(forResource: "Fixtures/gbk", withExtension: "xml")!))

    /// Runs `feedsmith ARGS` while `routes` are served; `ARGS` may name `{server}`.
    func run(_ arguments: [String], _ routes: [String: TestHTTPServer.Route]) async throws
        -> (result: Shell.Result, server: TestHTTPServer) {
        let server = try await TestHTTPServer.start(routes)
        let resolved = arguments.map { $0.replacingOccurrences(of: "{server}", with: server.url("")) }
        let result = Result { try Shell.feedsmith(resolved, in: FileManager.default.temporaryDirectory) }
        try await server.shutdown()
        return (try result.get(), server)
    }

    func items(_ json: String) throws -> [[String: Any]] {
        let feed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return feed?["items"] as? [[String: Any]] ?? []
    }

    @Test("a fetched feed prints the same JSON Feed as the file")
    func sameAsFile() async throws {
        let (result, server) = try await run(["parse", "{server}/feed.xml"], ["/feed.xml": { _ in
            ScriptedResponse(headers: [("Content-Type", "application/rss+xml")], body: Self.gbk)
        }])
        #expect(result.status == 0, "\(result.stderr)")
        let file = Bundle.module.url(forResource: "Fixtures/gbk", withExtension: "xml")!
        let local = try Shell.feedsmith(["parse", file.path], in: file.deletingLastPathComponent())
        #expect(result.stdout.replacingOccurrences(of: server.url("/feed.xml"), with: file.path) == local.stdout)
        let item = try #require(try items(result.stdout).first)
        #expect(item["title"] as? String == "北京冬奥会开幕")
        #expect(item["id"] as? String == "https://gbk.example.cn/news/1.html")
        #expect(server.requests.first?.header("User-Agent")?.hasPrefix("feedsmith/") == true)
    }

    @Test("the charset of the Content-Type decodes a feed without an XML declaration")
    func charsetFromContentType() async throws {
        let body = Array(Self.gbk.drop { $0 != UInt8(ascii: "\n") }.dropFirst())
        let (result, _) = try await run(["parse", "{server}/feed.xml"], ["/feed.xml": { _ in
            ScriptedResponse(headers: [("Content-Type", "text/xml; charset=GBK")], body: body)
        }])
        #expect(result.stderr == "") // without the charset: "declared encoding UTF-8 (default) but …"
        #expect(try items(result.stdout).first?["title"] as? String == "北京冬奥会开幕")
    }

    @Test("a gzip-encoded feed behind a permanent redirect parses, with a warning naming the new URL")
    func gzipBehindRedirect() async throws {
        let gzipped = Array(try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/gbk.xml", withExtension: "gz")!))
        let (result, server) = try await run(["parse", "{server}/old.xml"], [
            "/old.xml": { _ in .redirect(301, to: "/feed.xml") },
            "/feed.xml": { _ in ScriptedResponse(headers: [("Content-Encoding", "gzip")], body: gzipped) },
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "\(server.url("/old.xml")): warning: moved permanently to \(server.url("/feed.xml")); use the new URL\n")
        #expect(try items(result.stdout).first?["title"] as? String == "北京冬奥会开幕")
    }

    @Test("errors read URL: error: reason, with exit status 2", arguments: [
        (404, "the server answered HTTP 404 Not Found"),
        (410, "the feed is gone (HTTP 410 Gone): its publisher removed it"),
        (429, "the server is busy: HTTP 429 Too Many Requests; retry after 60 seconds"),
    ])
    func errors(status: Int, message: String) async throws {
        let (result, server) = try await run(["parse", "{server}/feed.xml"], ["/feed.xml": { _ in
            ScriptedResponse(status: status, headers: [("Retry-After", "60")])
        }])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(server.url("/feed.xml")): error: \(message)\n")
    }

    @Test("--max-size stops an endless body")
    func endless() async throws {
        let chunk = Array(String(repeating: "<item/>", count: 4096).utf8)
        let (result, server) = try await run(["parse", "--max-size", "1", "{server}/feed.xml"], ["/feed.xml": { _ in
            ScriptedResponse(body: chunk, pacing: .endless)
        }])
        #expect(result.status == 2)
        #expect(result.stderr == "\(server.url("/feed.xml")): error: the feed is larger than the size limit of 1 MiB; reading stopped\n")
    }

    @Test("a URL that is not http or https is refused")
    func otherScheme() throws {
        let result = try Shell.feedsmith(["parse", "ftp://example.com/feed.xml"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 2)
        #expect(result.stderr == "ftp://example.com/feed.xml: error: only http and https URLs can be fetched\n")
    }
}
