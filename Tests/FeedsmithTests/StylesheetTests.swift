import Foundation
import Testing

/// `output/feed.xsl` and the `<?xml-stylesheet?>` that names it, checked with xsltproc, an XSLT
/// processor of its own (libxslt's command line), on a built copy of the example site.
@Suite("the feeds' stylesheet")
struct StylesheetTests {
    static let siteURL = "https://finews.withounder.com/"
    static let hint = "Copy this URL into your feed reader"

    @Test("each RSS and Atom feed names the root feed.xsl by a relative href; JSON Feed names none", arguments: [
        ("rss.xml", "feed.xsl"), ("atom.xml", "feed.xsl"),
        ("category/finance/rss.xml", "../../feed.xsl"), ("category/finance/atom.xml", "../../feed.xsl"),
    ])
    func instruction(path: String, href: String) async throws {
        let site = try await Self.built()
        defer { site.remove() }
        let feed = try site.read("output/" + path)
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"\(href)\"?>\n<"))
        let twin = try site.read("output/" + Self.jsonTwin(of: path))
        #expect(!twin.contains("xml-stylesheet") && !twin.contains("feed.xsl"))
        #expect(site.outputFiles().contains("feed.xsl"))
    }

    @Test("xsltproc turns each feed into a page with every item title, the feed's own URL and the hint, and no script",
          arguments: ["rss.xml", "atom.xml", "category/finance/rss.xml", "category/caixin/atom.xml"])
    func transform(path: String) async throws {
        let site = try await Self.built()
        defer { site.remove() }
        let result = try await offThePool {
            try Shell.run("xsltproc", [site.output.appendingPathComponent("feed.xsl").path, site.output.appendingPathComponent(path).path])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let html = result.stdout
        let json = try JSONFeed.load(site.output.appendingPathComponent(Self.jsonTwin(of: path)))
        #expect(!json.items.isEmpty)
        for title in json.items.compactMap(\.title) {
            #expect(html.contains(">" + Self.escaped(title) + "</a>"), "no item '\(title)' in \(path)'s page")
        }
        #expect(html.contains("<h1>" + Self.escaped(json.title ?? "") + "</h1>"))
        #expect(html.contains("value=\"\(Self.siteURL + path)\""), "no feed URL in \(path)'s page")
        #expect(html.contains(Self.hint))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(!html.lowercased().contains("<script"))
    }

    @Test("feeds: {stylesheet: false} writes no feed.xsl and no instruction, and leaves an existing feed.xsl alone")
    func turnedOff() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try site.write(try site.read("feeds.yml").replacingOccurrences(
            of: "feeds: {limit: 20, formats: [rss, atom, json]}", with: "feeds: {limit: 20, formats: [rss, atom, json], stylesheet: false}"),
            to: "feeds.yml")
        let first = try await offThePool { try site.build() }
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!site.outputFiles().contains("feed.xsl"))
        for path in site.outputFiles() {
            #expect(!(try site.read("output/" + path)).contains("xml-stylesheet"), "\(path)")
        }
        try site.write("kept\n", to: "output/feed.xsl")
        let second = try await offThePool { try Shell.feedsmith(["build", "-v", "--site", site.url.path], in: site.url) }
        #expect(second.status == 0)
        #expect(try site.read("output/feed.xsl") == "kept\n")
        #expect(!second.stdout.contains("feed.xsl"), "\(second.stdout)")
    }

    @Test("feed.xsl is written once: build -v lists it, a second build leaves it and its time alone")
    func writtenOnce() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let first = try await offThePool { try Shell.feedsmith(["build", "-v", "--site", site.url.path], in: site.url) }
        #expect(first.status == 0)
        #expect(first.stdout.contains("feed.xsl"), "\(first.stdout)")
        let times = try site.outputTimes()
        let second = try await offThePool { try Shell.feedsmith(["build", "-v", "--site", site.url.path], in: site.url) }
        #expect(second.stdout.hasSuffix("feedsmith: 0 file(s) written, 24 unchanged\n"), "\(second.stdout)")
        #expect(try site.outputTimes() == times)
    }

    /// A copy of the example site, built.
    static func built() async throws -> SiteFolder {
        try await offThePool {
            let site = try SiteFolder("example")
            let result = try site.build()
            guard result.status == 0 else { throw CheckFailure(message: result.stderr) }
            return site
        }
    }

    /// The JSON Feed written beside an RSS or Atom feed.
    static func jsonTwin(of path: String) -> String {
        path.replacingOccurrences(of: path.hasSuffix("rss.xml") ? "rss.xml" : "atom.xml", with: "feed.json")
    }

    /// Text as HTML serializers (libxslt's and Chromium's) write it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{A0}", with: "&nbsp;")
    }
}
