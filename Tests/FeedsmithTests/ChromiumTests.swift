import Foundation
import Testing

/// What a person sees opening the served feeds in a browser: headless Chromium renders each feed
/// through feed.xsl, and index.html; the rendered DOM is checked and a screenshot of each page
/// is kept in `test-artefacts/screenshots/` (git-ignored) to look at.
@Suite("Chromium shows the feeds as pages")
struct ChromiumTests {
    static let screenshots = Shell.repository.appendingPathComponent("test-artefacts/screenshots")

    @Test("each feed renders with its title, every item title and the hint with its URL",
          .serialized, arguments: ["rss.xml", "atom.xml", "category/finance/rss.xml"])
    func feed(path: String) async throws {
        try Self.requireChromium()
        let (site, server) = try await ServeTests.serving()
        defer { server.stop(); site.remove() }
        let url = "http://127.0.0.1:\(server.port)/\(path)"
        let dom = try await offThePool { try Self.chromium(["--dump-dom", url], in: site.url) }
        let json = try JSONFeed.load(site.output.appendingPathComponent(StylesheetTests.jsonTwin(of: path)))
        #expect(dom.contains("<h1>" + StylesheetTests.escaped(json.title ?? "") + "</h1>"), "\(dom.prefix(2000))")
        #expect(!json.items.isEmpty)
        for title in json.items.compactMap(\.title) {
            #expect(dom.contains(">" + StylesheetTests.escaped(title) + "</a>"), "no item '\(title)' on \(path)'s page")
        }
        #expect(dom.contains(StylesheetTests.hint))
        #expect(dom.contains("value=\"\(StylesheetTests.siteURL + path)\""), "no feed URL on \(path)'s page")
        #expect(dom.contains("<html lang=\"zh-CN\">"))
        #expect(server.logText.contains("\"GET /\(path) HTTP/1.1\" 200 "))
        #expect(server.logText.contains("\"GET /feed.xsl HTTP/1.1\" 200 "), "\(server.logText)")
        try await Self.screenshot(url, named: path, in: site)
    }

    @Test("index.html lists every feed with its latest titles")
    func index() async throws {
        try Self.requireChromium()
        let (site, server) = try await ServeTests.serving()
        defer { server.stop(); site.remove() }
        let url = "http://127.0.0.1:\(server.port)/index.html"
        let dom = try await offThePool { try Self.chromium(["--dump-dom", url], in: site.url) }
        let feeds = site.outputFiles().filter { $0.hasSuffix("feed.json") }
        #expect(feeds.count == 7, "\(feeds)")
        for path in feeds {
            let json = try JSONFeed.load(site.output.appendingPathComponent(path))
            #expect(dom.contains(">" + StylesheetTests.escaped(json.title ?? "") + "</h2>"), "no feed '\(json.title ?? "")'")
            #expect(!json.items.isEmpty)
            for title in json.items.prefix(5).compactMap(\.title) {
                #expect(dom.contains(">" + StylesheetTests.escaped(title) + "</a>"), "no item '\(title)' of \(path)")
            }
        }
        try await Self.screenshot(url, named: "index.html", in: site)
    }

    /// Fails, not skips, without Chromium: the browser check is part of the suite.
    static func requireChromium() throws {
        let found = try Shell.run("sh", ["-c", "command -v chromium"])
        try #require(found.status == 0, "chromium is not installed: run scripts/setup (it installs Debian's chromium package)")
    }

    /// `chromium --headless ARGS`, with a private profile and a time limit; its stdout. As root
    /// it must run with --no-sandbox.
    @Sendable static func chromium(_ arguments: [String], in folder: URL) throws -> String {
        let profile = folder.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try Shell.run("timeout", ["-k", "5", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                               "--user-data-dir=\(profile.path)"] + arguments, in: folder)
        guard result.status == 0 else {
            throw CheckFailure(message: "chromium exited with \(result.status): \(result.stderr.suffix(2000))")
        }
        return result.stdout
    }

    /// A 1200×1600 screenshot of `url` in test-artefacts/screenshots/, checked to be a real
    /// picture. Chromium's banner about removing XSLT is turned off for it: it covers the
    /// page's heading (the DOM checks run with it, as users see it).
    static func screenshot(_ url: String, named name: String, in site: SiteFolder) async throws {
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let file = screenshots.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-")
            .replacingOccurrences(of: ".xml", with: "").replacingOccurrences(of: ".html", with: "") + ".png")
        try? FileManager.default.removeItem(at: file)
        _ = try await offThePool {
            try Self.chromium(["--screenshot=\(file.path)", "--window-size=1200,1600", "--hide-scrollbars",
                               "--disable-features=GenerateXSLTWarningBanner", url], in: site.url)
        }
        let bytes = try Data(contentsOf: file)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(file.path) is not a PNG")
        #expect(bytes.count > 20_000, "\(file.path) holds only \(bytes.count) bytes")
    }
}
