import Foundation
import Testing

/// `feedsmith serve` as feed readers and browsers meet it, over real sockets.
@Suite("feedsmith serve")
struct ServeTests {
    /// A built copy of the example site and a server on it (started off the test's threads).
    static func serving(_ arguments: [String] = []) async throws -> (SiteFolder, RunningServer) {
        try await offThePool {
            let site = try SiteFolder("example")
            let built = try site.build()
            guard built.status == 0 else { throw CheckFailure(message: built.stderr) }
            return (site, try RunningServer(site: site, arguments: arguments))
        }
    }

    @Test("each file comes with its media type in UTF-8, its bytes, length, strong ETag and Last-Modified", arguments: [
        ("/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/feed.json", "application/feed+json; charset=utf-8"),
        ("/feeds.opml", "text/x-opml; charset=utf-8"),
        ("/category/finance/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/feed.xsl", "text/xsl; charset=utf-8"),
    ])
    func files(path: String, type: String) async throws {
        let (site, server) = try await Self.serving()
        defer { server.stop(); site.remove() }
        let reply = try await server.get(path)
        let file = site.output.appendingPathComponent(String(path.dropFirst()))
        let bytes = [UInt8](try Data(contentsOf: file))
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == type)
        #expect(reply.body == bytes)
        #expect(reply.header("Content-Length") == String(bytes.count))
        let tag = try #require(reply.header("ETag"))
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count > 10, "a strong ETag: \(tag)")
        let modified = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as! Date
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(reply.header("Last-Modified") == formatter.string(from: modified))
        #expect(server.logText.contains("\"GET \(path) HTTP/1.1\" 200 \(bytes.count) \"-\" \"-\""), "\(server.logText)")
    }

    @Test("a browser's page load gets RSS and Atom as application/xml, so it applies feed.xsl; readers get the feed types")
    func browserTypes() async throws {
        let (site, server) = try await Self.serving()
        defer { server.stop(); site.remove() }
        let browser = ["Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"]
        let reader = ["Accept": "application/rss+xml, application/atom+xml;q=0.9, text/html;q=0.1"]
        for path in ["/rss.xml", "/category/finance/atom.xml"] {
            let page = try await server.get(path, headers: browser)
            #expect(page.header("Content-Type") == "application/xml; charset=utf-8")
            #expect(page.header("Vary") == "Accept, Accept-Encoding")
            let feed = try await server.get(path, headers: reader)
            #expect(feed.header("Content-Type")?.hasPrefix(path.hasSuffix("rss.xml") ? "application/rss+xml" : "application/atom+xml") == true)
            #expect(page.body == feed.body)
            // Two representations, two strong tags; each revalidates as itself.
            let pageTag = try #require(page.header("ETag")), feedTag = try #require(feed.header("ETag"))
            #expect(pageTag != feedTag && pageTag.hasSuffix("-xml\""))
            #expect(try await server.get(path, headers: browser.merging(["If-None-Match": pageTag]) { $1 }).status == 304)
        }
        #expect(try await server.get("/feed.xsl", headers: browser).header("Content-Type") == "text/xsl; charset=utf-8")
        #expect(try await server.get("/index.html", headers: browser).header("Vary") == "Accept-Encoding")
    }

    @Test("If-None-Match and If-Modified-Since answer 304 with no body; a changed file does not")
    func conditional() async throws {
        let (site, server) = try await Self.serving()
        defer { server.stop(); site.remove() }
        let first = try await server.get("/rss.xml")
        let tag = try #require(first.header("ETag")), modified = try #require(first.header("Last-Modified"))
        for headers in [["If-None-Match": tag], ["If-None-Match": "\"other\", W/\(tag)"], ["If-None-Match": "*"],
                        ["If-Modified-Since": modified]] {
            let reply = try await server.get("/rss.xml", headers: headers)
            #expect(reply.status == 304, "\(headers)")
            #expect(reply.body.isEmpty)
            #expect(reply.header("ETag") == tag)
        }
        // If-None-Match decides when both are sent (RFC 9110 §13.2.2).
        let stale = try await server.get("/rss.xml", headers: ["If-None-Match": "\"old\"", "If-Modified-Since": modified])
        #expect(stale.status == 200)
        #expect(try await server.get("/rss.xml", headers: ["If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"]).status == 200)

        // A new post changes the feed: the old ETag no longer matches.
        try site.write("---\ntitle: 新文章\ndate: 2022-02-01 08:00:00 +0800\n---\n正文。\n", to: "_posts/2022-02-01-new.md")
        #expect(try await offThePool { try site.build() }.status == 0)
        let changed = try await server.get("/rss.xml", headers: ["If-None-Match": tag])
        #expect(changed.status == 200)
        #expect(changed.header("ETag") != tag)
        #expect(changed.text.contains("新文章"))
        #expect(server.logText.contains("\"GET /rss.xml HTTP/1.1\" 304 0 "))
    }

    @Test("gzip when accepted, as its own representation; identity when refused with q=0")
    func gzip() async throws {
        let (site, server) = try await Self.serving()
        defer { server.stop(); site.remove() }
        let plain = try await server.get("/atom.xml")
        let zipped = try await server.get("/atom.xml", headers: ["Accept-Encoding": "br, gzip;q=0.8"])
        #expect(zipped.header("Content-Encoding") == "gzip")
        #expect(zipped.header("Vary") == "Accept, Accept-Encoding")
        #expect(zipped.header("ETag") != plain.header("ETag"))
        #expect(zipped.body.count < plain.body.count)
        let unzipped = try Shell.unzip(zipped.body)
        #expect(unzipped == plain.body)
        let refused = try await server.get("/atom.xml", headers: ["Accept-Encoding": "gzip;q=0, identity"])
        #expect(refused.header("Content-Encoding") == nil)
        #expect(refused.body == plain.body)
        #expect(try await server.get("/atom.xml", headers: ["Accept-Encoding": "gzip", "If-None-Match": zipped.header("ETag")!]).status == 304)
    }

    @Test("HEAD answers GET's headers without the body")
    func head() async throws {
        let (site, server) = try await Self.serving()
        defer { server.stop(); site.remove() }
        let get = try await server.get("/feed.json")
        let head = try await server.get("/feed.json", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        for name in ["Content-Type", "Content-Length", "ETag", "Last-Modified"] {
            #expect(head.header(name) == get.header(name), "\(name)")
        }
        let post = try await server.get("/feed.json", method: "POST")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
    }

    @Test("no listing and nothing outside output/: every escape is a 404", arguments: [
        "/category/", "/category/finance", "/../feeds.yml", "/%2e%2e/feeds.yml", "/%2E%2E%2Ffeeds.yml",
        "/category/..%2f..%2ffeeds.yml", "/..%5cfeeds.yml", "/category/finance/../../../feeds.yml",
        "/%00rss.xml", "/outside.yml", "/.hidden.xml", "/nothing.xml", "//etc/passwd", "/%252e%252e/feeds.yml",
    ])
    func traversal(target: String) async throws {
        let (site, server) = try await Self.serving()
        defer { server.stop(); site.remove() }
        // A symbolic link inside output/ to a file outside it, and a hidden file inside.
        try FileManager.default.createSymbolicLink(atPath: site.output.appendingPathComponent("outside.yml").path,
                                                   withDestinationPath: site.url.appendingPathComponent("feeds.yml").path)
        try site.write("secret", to: "output/.hidden.xml")
        let reply = try await server.get(target)
        #expect(reply.status == 404, "\(target): \(reply.status) \(reply.text.prefix(200))")
        #expect(!reply.text.contains("title:"), "feeds.yml leaked")
        #expect(!reply.text.contains("root:"))
        #expect(!reply.text.contains("secret"))
    }

    @Test("the site's front page is output/index.html; a link inside output/ to a file inside it is served")
    func indexAndInsideLinks() async throws {
        let (site, server) = try await Self.serving()
        defer { server.stop(); site.remove() }
        let index = try await server.get("/")
        #expect(index.status == 200)
        #expect(index.body == [UInt8](try Data(contentsOf: site.output.appendingPathComponent("index.html"))))
        try FileManager.default.createSymbolicLink(atPath: site.output.appendingPathComponent("feed.xml").path,
                                                   withDestinationPath: "rss.xml")
        let linked = try await server.get("/feed.xml?from=old-link")
        #expect(linked.status == 200)
        // The type is the served file's: the link leads to an RSS feed.
        #expect(linked.header("Content-Type") == "application/rss+xml; charset=utf-8")
    }

    @Test("--watch rebuilds when a post is added, and the server serves the new feed")
    func watch() async throws {
        let (site, server) = try await Self.serving(["--watch"])
        defer { server.stop(); site.remove() }
        try site.write("---\ntitle: 监视中的新文章\ndate: 2022-02-02 08:00:00 +0800\n---\n正文。\n", to: "_posts/2022-02-02-watched.md")
        var seen = false
        for _ in 0..<200 where !seen {
            try await Task.sleep(for: .milliseconds(100))
            seen = try await server.get("/rss.xml").text.contains("监视中的新文章")
        }
        #expect(seen, "\(server.logText)")
        #expect(server.logText.contains("feedsmith: "), "the rebuild is reported")
    }
}

extension Shell {
    /// `bytes` gunzipped by Python's gzip module, not by our code.
    static func unzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feedsmith-\(UUID().uuidString).gz")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run("python3", ["-c", "import gzip,sys,base64; print(base64.b64encode(gzip.open(sys.argv[1]).read()).decode())", file.path])
        guard result.status == 0, let data = Data(base64Encoded: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CheckFailure(message: "python's gzip refused it: \(result.stderr)")
        }
        return [UInt8](data)
    }
}
