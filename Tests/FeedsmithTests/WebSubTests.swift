import Foundation
import HTTPTestServer
import Synchronization
import TestSupport
import Testing

/// WebSub: with `websub: {hub: URL}` every feed names the hub, and every run that changed feeds
/// pings a hub stand-in (the test server) for exactly those feeds, retrying, never failing.
@Suite("WebSub")
struct WebSubTests {
    static let site = "https://finews.withounder.com/"

    /// A hub stand-in answering each ping with the next of `statuses` (the last one repeats).
    final class Hub: Sendable {
        let server: TestHTTPServer
        private let answered = Mutex(0)

        init(statuses: [Int]) async throws {
            let counter = Mutex(0)
            server = try await TestHTTPServer.start(["/hub": { _ in
                let index = counter.withLock { count in
                    defer { count += 1 }
                    return min(count, statuses.count - 1)
                }
                return ScriptedResponse(status: statuses[index], body: Array("hub says \(statuses[index])".utf8))
            }])
        }

        var url: String { server.url("/hub") }

        /// Runs `body` with a hub answering `statuses`, then stops it.
        static func with(_ statuses: [Int], _ body: (Hub) async throws -> Void) async throws {
            let hub = try await Hub(statuses: statuses)
            do {
                try await body(hub)
            } catch {
                try? await hub.server.shutdown()
                throw error
            }
            try await hub.server.shutdown()
        }

        /// Each ping received: its `hub.mode` and its `hub.url`s, decoded.
        var pings: [(mode: [String], urls: Set<String>)] {
            server.requests.filter { $0.uri == "/hub" }.map { request in
                var fields: [String: [String]] = [:]
                for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
                    fields[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
                }
                return (fields["hub.mode"] ?? [], Set(fields["hub.url"] ?? []))
            }
        }
    }

    /// A copy of the example site whose feeds.yml names `hub`.
    static func site(hub: String) throws -> SiteFolder {
        let site = try SiteFolder("example")
        try site.write(try site.read("feeds.yml") + "websub: {hub: '\(hub)'}\n", to: "feeds.yml")
        return site
    }

    /// The served URL of every feed file under output/.
    static func feedURLs(_ site: SiteFolder, under folder: String = "") -> Set<String> {
        Set(site.outputFiles().filter { path in
            path.hasPrefix(folder) && ["rss.xml", "atom.xml", "feed.json"].contains { path.hasSuffix($0) }
        }.map { Self.site + $0 })
    }

    @Test("every feed names the hub: rel=\"hub\" in RSS and Atom, hubs in JSON Feed; feeds still validate")
    func feedsNameTheHub() async throws {
        try await Hub.with([204]) { standIn in
            let hub = standIn.url
            let site = try Self.site(hub: hub)
            defer { site.remove() }
            let result = try await offThePool { try site.build() }
            #expect(result.status == 0, "\(result.stderr)")
            for path in site.outputFiles() {
                let text = try String(contentsOf: site.output.appendingPathComponent(path), encoding: .utf8)
                if path.hasSuffix("rss.xml") {
                    #expect(text.contains("<atom:link href=\"\(hub)\" rel=\"hub\" />"), "\(path)")
                } else if path.hasSuffix("atom.xml") {
                    #expect(text.contains("<link href=\"\(hub)\" rel=\"hub\" />"), "\(path)")
                    #expect(try XMLLint.problems(site.output.appendingPathComponent(path), relaxNG: XMLLint.atomSchema) == "")
                } else if path.hasSuffix("feed.json") {
                    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                    let hubs = json?["hubs"] as? [[String: String]]
                    #expect(hubs == [["type": "WebSub", "url": hub]], "\(path)")
                }
            }
            let xmlFeeds = site.outputFiles().filter { $0.hasSuffix("rss.xml") || $0.hasSuffix("atom.xml") }
            for (path, feed) in zip(xmlFeeds, try ParsedFeed.parse(xmlFeeds.map { site.output.appendingPathComponent($0) })) {
                #expect(!feed.bozo, "\(path): \(feed.bozo_exception)")
            }
        }
    }

    @Test("a run that changed feeds pings the hub with exactly those feeds; a run that changed none does not")
    func pingsExactlyTheChangedFeeds() async throws {
        try await Hub.with([204]) { hub in
            let site = try Self.site(hub: hub.url)
            defer { site.remove() }

            // A loaded machine may make an attempt fail and the ping be sent again: each ping
            // of a run must name exactly its changed feeds, and the run must say it was taken.
            let first = try await offThePool { try site.build() }
            #expect(first.status == 0, "\(first.stderr)")
            let all = Self.feedURLs(site)
            #expect(all.count == 21)
            #expect(first.stdout.contains("feedsmith: told the WebSub hub \(hub.url) of 21 changed feed(s)"), "\(first.stdout)")
            #expect(!hub.pings.isEmpty && hub.pings.allSatisfy { $0.mode == ["publish"] && $0.urls == all })
            let request = hub.server.requests.first
            #expect(request?.method == "POST")
            #expect(request?.header("Content-Type") == "application/x-www-form-urlencoded")

            let before = hub.pings.count
            let unchanged = try await offThePool { try site.build() }
            #expect(unchanged.status == 0)
            #expect(!unchanged.stdout.contains("WebSub"))
            #expect(hub.pings.count == before, "a run that changed no feed pinged the hub")

            try site.write("---\ntitle: 推送给订阅者\ndate: 2022-03-02 08:00:00 +0800\ncategories: finance\n---\n正文。\n",
                           to: "_posts/2022-03-02-pushed.md")
            let added = try await offThePool { try site.build() }
            #expect(added.status == 0, "\(added.stderr)")
            // The whole site's feeds and finance's changed; no other category's.
            let expected = Set(["rss.xml", "atom.xml", "feed.json"].flatMap { [Self.site + $0, Self.site + "category/finance/" + $0] })
            let new = hub.pings.dropFirst(before)
            #expect(!new.isEmpty && new.allSatisfy { $0.urls == expected }, "\(new.map(\.urls))")
            #expect(added.stdout.contains("of 6 changed feed(s)"), "\(added.stdout)")
        }
    }

    @Test("merge pings the hub for the feeds the merged articles changed")
    func mergePings() async throws {
        try await Hub.with([202]) { hub in
            let site = try Self.site(hub: hub.url)
            defer { site.remove() }
            #expect(try await offThePool { try site.build() }.status == 0)
            let before = hub.pings.count
            try site.write("""
                <?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title><link>https://partner.example.com/</link>
                <description>p</description><item><title>合作方新闻</title><link>https://partner.example.com/a.html</link>
                <pubDate>Wed, 02 Mar 2022 09:00:00 +0800</pubDate></item></channel></rss>
                """, to: "partner.xml")
            let merged = try await offThePool {
                try Shell.feedsmith(["merge", "--site", site.url.path, "--category", "partner", site.url.appendingPathComponent("partner.xml").path], in: site.url)
            }
            #expect(merged.status == 0, "\(merged.stderr)")
            let expected = Set(["rss.xml", "atom.xml", "feed.json"].flatMap { [Self.site + $0, Self.site + "category/partner/" + $0] })
            let new = hub.pings.dropFirst(before)
            #expect(!new.isEmpty && new.allSatisfy { $0.urls == expected }, "\(new.map(\.urls))")
            #expect(merged.stdout.contains("feedsmith: told the WebSub hub \(hub.url) of 6 changed feed(s)"), "\(merged.stdout)")
        }
    }

    @Test("a hub that fails is asked again after 1 s and 2 s; the build's status never depends on the hub")
    func retriesWithBackoff() async throws {
        try await Hub.with([503, 503, 204]) { hub in
            let site = try Self.site(hub: hub.url)
            defer { site.remove() }
            let result = try await offThePool { try site.build() }
            #expect(result.status == 0)
            #expect(result.stdout.contains("of 21 changed feed(s) (at attempt 3, after HTTP 503: hub says 503)\n"), "\(result.stdout)")
            let times = hub.server.requests.map(\.at)
            #expect(times.count == 3)
            if times.count == 3 {
                #expect(times[1] - times[0] >= .milliseconds(950))
                #expect(times[2] - times[1] >= .milliseconds(1950))
            }
            #expect(Set(hub.pings.map(\.urls)).count == 1, "each attempt names the same feeds")
        }
    }

    @Test("a hub that keeps failing, refuses, or is down: a warning, the feeds written, exit status 0",
          arguments: [([500], 4, "HTTP 500: hub says 500"), ([400], 1, "HTTP 400: hub says 400")])
    func failingHub(statuses: [Int], attempts: Int, reason: String) async throws {
        try await Hub.with(statuses) { hub in
            let site = try Self.site(hub: hub.url)
            defer { site.remove() }
            let result = try await offThePool { try site.build() }
            #expect(result.status == 0)
            #expect(result.stderr == "\(hub.url): warning: the WebSub hub was not told of 21 changed feed(s) after \(attempts) attempt(s): \(reason); subscribers see the changes at their next poll\n")
            #expect(hub.pings.count == attempts)
            #expect(Self.feedURLs(site).count == 21)
            #expect(result.stdout.hasSuffix("feedsmith: 24 file(s) written, 0 unchanged\n"), "\(result.stdout)")
        }
    }

    @Test("a hub that is down: a warning at once (each attempt fails without waiting), exit status 0")
    func hubDown() async throws {
        // A port that was just free: nothing listens on it.
        let gone = try await TestHTTPServer.start([:])
        let url = gone.url("/hub")
        try await gone.shutdown()
        let site = try Self.site(hub: url)
        defer { site.remove() }
        let result = try await offThePool { try site.build() }
        #expect(result.status == 0)
        #expect(result.stderr == "\(url): warning: the WebSub hub was not told of 21 changed feed(s) after 4 attempt(s): connection refused; subscribers see the changes at their next poll\n")
        // "connection refused", not "cannot connect within 10 seconds": each attempt ended at once
        // (a wall-clock bound here failed in CI beside another build).
    }
}
