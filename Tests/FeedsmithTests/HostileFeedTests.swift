import Foundation
import HTTPTestServer
import Testing
import TestSupport

/// Feeds written by an attacker, served on 127.0.0.1 and merged by the real binary into a site
/// that already holds a merged partner feed. Each case ends as the user is told: refused with
/// `URL: error: …` and the store and published feeds unchanged, or merged with `URL: warning: …`
/// and feeds that still validate; the process alive, within time and memory bounds, and nothing
/// secret or executable anywhere in what it printed, stored or published.
@Suite("Hostile feeds")
struct HostileFeedTests {
    enum Outcome: Sendable {
        /// Exit status 1, `URL: error: ` + this, nothing changed.
        case refused(String)
        /// Exit status 0, `URL: warning: ` + this (when given), the feeds rebuilt and valid.
        case merged(warning: String?)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Paths besides `/feed` that the case's redirects lead to.
        var routes: [String: TestHTTPServer.Route] = [:]
        var feed: TestHTTPServer.Route
        var outcome: Outcome
        /// Text that must appear nowhere: output, messages, store, published feeds.
        var never: [String] = []
        /// Text the published feeds must contain.
        var published: [String] = []
        /// `--timeout`: long enough for any honest answer on a busy machine.
        var timeout = 20
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "XXE: an external entity naming /etc/passwd is never read",
             feed: { _ in .ok(rss(item(title: "a &x; b", description: "&x;"),
                                  doctype: #"<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#)) },
             outcome: .merged(warning: "line 1: entity '&x;' declared in the DOCTYPE left out (2 references in all)"),
             never: ["root:x:0:0"], published: ["<title>a b</title>"]),
        Case(name: "an external DTD is never fetched",
             feed: { request in .ok(rss(item(title: "dtd"), doctype: #"<!DOCTYPE rss SYSTEM "http://\#(host(request))/evil.dtd">"#)) },
             outcome: .merged(warning: nil), published: ["<title>dtd</title>"]),
        Case(name: "a parameter entity is never fetched or expanded",
             feed: { request in .ok(rss(item(title: "pe &leak;"), doctype: #"<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://\#(host(request))/evil.dtd"> %p;]>"#)) },
             outcome: .merged(warning: "replaced 1 undefined entity reference or bare '&'"),
             published: ["<title>pe &amp;leak;</title>"]),
        Case(name: "billion laughs is refused",
             feed: { _ in .ok(rss(item(title: "&lol9;"), doctype: billionLaughs)) },
             outcome: .refused("entity expansion refused")),
        Case(name: "quadratic blow-up: 20,000 references to a 50 kB entity are left out",
             feed: { _ in .ok(rss(item(title: String(repeating: "&a;", count: 20_000)),
                                  doctype: "<!DOCTYPE rss [<!ENTITY a \"\(String(repeating: "x", count: 50_000))\">]>")) },
             outcome: .merged(warning: "entity '&a;' declared in the DOCTYPE left out (20000 references in all)"),
             never: [String(repeating: "x", count: 1_000)]),
        Case(name: "a 1 GB body is refused by its Content-Length before reading",
             feed: { _ in ScriptedResponse(headers: [("Content-Length", "1073741824")], body: Array("<rss>".utf8)) },
             outcome: .refused("the feed is 1073741824 bytes, over the size limit of 20 MiB")),
        Case(name: "an endless chunked body stops at the size limit",
             feed: { _ in ScriptedResponse(body: Array(String(repeating: "<item>", count: 10_000).utf8), pacing: .endless) },
             outcome: .refused("the feed is larger than the size limit of 20 MiB; reading stopped")),
        Case(name: "a gzip bomb stops at the size limit once decompressed",
             feed: { _ in ScriptedResponse(headers: [("Content-Encoding", "gzip")], body: gzipBomb) },
             outcome: .refused("the feed is larger than the size limit of 20 MiB once decompressed; reading stopped")),
        Case(name: "100,000-deep nesting is refused",
             feed: { _ in .ok(rss(item(title: "deep")).replacingOccurrences(
                 of: "<description>", with: "<description>" + String(repeating: "<x>", count: 100_000))) },
             outcome: .refused("elements nested deeper than 256")),
        Case(name: "invalid UTF-8 is read as windows-1252, with a warning",
             feed: { _ in ScriptedResponse(headers: [("Content-Type", "application/rss+xml")],
                                           body: Array(rss(item(title: "caf\u{1}")).utf8).map { $0 == 1 ? 0xE9 : $0 }) },
             outcome: .merged(warning: "declared encoding UTF-8 but the bytes are not UTF-8; read as WINDOWS-1252"),
             published: ["<title>café</title>"]),
        Case(name: "lone surrogates and NUL in numeric references are dropped",
             feed: { _ in .ok(rss(item(title: "a&#xD800;b&#0;c&#xDFFF;d"))) },
             outcome: .merged(warning: "replaced 3 undefined entity references or bare '&'"),
             published: ["<title>abcd</title>"]),
        Case(name: "raw NUL bytes are dropped",
             feed: { _ in ScriptedResponse(headers: [("Content-Type", "application/rss+xml")],
                                           body: Array(rss(item(title: "n\u{1}u\u{1}l")).utf8).map { $0 == 1 ? 0 : $0 }) },
             outcome: .merged(warning: "dropped 2 control characters XML forbids"), published: ["<title>nul</title>"]),
        Case(name: "a server that sends one byte a second hits the timeout",
             feed: { _ in ScriptedResponse(body: Array(rss(item(title: "slow")).utf8),
                                           pacing: .trickle(pieces: 300, interval: .seconds(1))) },
             outcome: .refused("no complete answer within 3 seconds (the total timeout)"), timeout: 3),
        Case(name: "a redirect loop is refused",
             routes: ["/loop": { _ in .redirect(302, to: "/feed") }],
             feed: { _ in .redirect(302, to: "/loop") },
             outcome: .refused("redirect loop: ")),
        Case(name: "a redirect to file:///etc/passwd is refused",
             feed: { _ in .redirect(301, to: "file:///etc/passwd") },
             outcome: .refused("redirected to file:///etc/passwd, which is not an http or https URL"),
             never: ["root:x:0:0"]),
        Case(name: "a redirect to gopher: is refused",
             feed: { _ in .redirect(302, to: "gopher://127.0.0.1/feed") },
             outcome: .refused("redirected to gopher://127.0.0.1/feed, which is not an http or https URL")),
        Case(name: "javascript: and data: links are dropped",
             feed: { _ in .ok(rss(item(title: "links", link: "javascript:alert(1)", description: escaped(
                 #"<a href="javascript:alert(2)">a</a><a href="data:text/html;base64,PHNjcmlwdD4=">b</a><img src="data:image/svg+xml,&lt;svg onload=alert(3)&gt;">"#)))) },
             outcome: .merged(warning: nil), never: ["javascript:", "data:text/html", "data:image/svg", "alert("],
             published: ["<title>links</title>"]),
        Case(name: "script, style, iframes and event handlers are sanitised away",
             feed: { _ in .ok(rss(item(title: "<script>alert(1)</script>scripted", description: escaped(
                 #"<p onclick="alert(1)">kept</p><script>alert(2)</script><style>p{x:expression(alert(3))}</style><iframe src="https://evil.example/"></iframe><img src="/i.png" onerror="alert(4)">"#)))) },
             outcome: .merged(warning: nil), never: ["<script", "onclick", "onerror", "<iframe", "expression(", "alert("],
             published: ["<title>scripted</title>", "kept"]),
        Case(name: "dates in the year 0 and 99999 are dropped with warnings; the feeds still validate",
             feed: { _ in .ok(rss(item(title: "year zero", link: "https://partner.example/0", date: "Sat, 01 Jan 0000 00:00:00 +0000")
                                  + item(title: "far future", link: "https://partner.example/9", date: "Fri, 01 Jan 99999 00:00:00 +0000")
                                  + "<item><title>w3c</title><link>https://partner.example/w</link><dc:date>99999-01-01T00:00:00Z</dc:date></item>")) },
             outcome: .merged(warning: "line 1: date 'Sat, 01 Jan 0000 00:00:00 +0000' ignored: not between the years 1900 and 9999"),
             published: ["<title>year zero</title>", "<title>far future</title>"]),
        Case(name: "a 10 MB title is cut to 1,000 characters",
             feed: { _ in .ok(rss(item(title: String(repeating: "T", count: 10_000_000)))) },
             outcome: .merged(warning: "line 1: title of 10000000 bytes cut to its first 1000 characters"),
             never: [String(repeating: "T", count: 1_001)], published: [String(repeating: "T", count: 1_000) + "…"]),
        Case(name: "1,000 items with one URL are one article",
             feed: { _ in .ok(rss((0..<1_000).map { item(title: "same \($0)", date: "Mon, 01 Jan 2024 00:\(String(format: "%02d", $0 % 60)):00 +0000") }.joined())) },
             outcome: .merged(warning: "999 item(s) repeat the canonical URL of an earlier item; each URL is one article, its versions merged")),
    ]

    @Test("each hostile feed is refused or merged as the user is told; nothing is lost, leaked or left executable",
          arguments: cases)
    func hostileFeed(_ hostile: Case) async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        var routes = hostile.routes
        routes["/feed"] = hostile.feed
        routes["/good"] = { _ in .ok(Self.rss(Self.item(title: "kept", link: "https://partner.example/kept"))) }
        routes["/evil.dtd"] = { _ in .ok(#"<!ENTITY leak "LEAKED">"#, contentType: "application/xml-dtd") }
        let server = try await TestHTTPServer.start(routes)
        let good = try await MeasuredRun.feedsmith(["merge", "--site", site.url.path, server.url("/good")])
        #expect(good.status == 0, "\(good.summary)")
        let before = try await offThePool { try Snapshot(site) }

        let url = server.url("/feed")
        let run = try await MeasuredRun.feedsmith(["merge", "--site", site.url.path, "--timeout", "\(hostile.timeout)", url])
        let after = try await offThePool { try Snapshot(site) }
        try await server.shutdown()

        #expect(run.signal == nil, "the process died or hung: \(run.summary)")
        #expect(run.peakMiB < 256, "\(run.summary)")
        switch hostile.outcome {
        case .refused(let reason):
            #expect(run.status == 1, "\(run.summary)")
            let message = run.stderr.split(separator: "\n").first { $0.hasPrefix(url) } ?? ""
            #expect(message.contains(": error: " + reason), "\(run.summary)")
            #expect(after.articles == before.articles, "the store changed")
            #expect(after.output == before.output, "a published feed changed")
        case .merged(let warning):
            #expect(run.status == 0, "\(run.summary)")
            if let warning {
                #expect(run.stderr.contains("\(url): warning: ") && run.stderr.contains(warning), "\(run.summary)")
            } else {
                #expect(run.stderr == "", "\(run.summary)")
            }
            #expect(after.articles != before.articles, "nothing was merged")
            #expect(after.articles.contains("https://partner.example/kept"), "a stored article was lost")
            for problem in try await offThePool({ try Self.validationProblems(site) }) {
                Issue.record(Comment(rawValue: problem))
            }
        }
        // Whatever came in, every published file stays small (and the text checks below fast).
        let largest = after.output.max { $0.value.count < $1.value.count }
        #expect((largest?.value.count ?? 0) < 1_000_000, "\(largest?.key ?? "") has \(largest?.value.count ?? 0) bytes")
        #expect(after.articles.utf8.count < 1_000_000, "the store's articles take \(after.articles.utf8.count) bytes")
        guard (largest?.value.count ?? 0) < 1_000_000, after.articles.utf8.count < 1_000_000,
              run.stdout.utf8.count + run.stderr.utf8.count < 1_000_000 else { return }
        let feeds = after.output.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        for text in hostile.published {
            #expect(feeds.contains(text), "no published feed shows \(text.prefix(40))")
        }
        let everything = [run.stdout, run.stderr, after.articles, feeds].joined()
        for text in hostile.never + ["LEAKED"] {
            #expect(!everything.contains(text), "\(text.prefix(40)) appears in the output, the store or a feed")
        }
        #expect(!server.requests.contains { $0.uri.hasSuffix(".dtd") }, "a DTD was fetched")
    }

    /// What a user can see of a site: its store (`feedsmith articles`) and published files.
    struct Snapshot {
        var articles: String
        var output: [String: Data]

        init(_ site: SiteFolder) throws {
            articles = try Shell.feedsmith(["articles", "--site", site.url.path], in: site.url).stdout
            output = try Dictionary(uniqueKeysWithValues: site.outputFiles().map {
                ($0, try Data(contentsOf: site.output.appendingPathComponent($0)))
            })
        }
    }

    /// What keeps a feed of the site from validating: xmllint (Atom: the RELAX NG schema), or
    /// feedparser's complaint. Run off the test's threads (it starts a process per feed).
    static func validationProblems(_ site: SiteFolder) throws -> [String] {
        var problems: [String] = []
        let feeds = site.outputFiles().filter { $0.hasSuffix("rss.xml") || $0.hasSuffix("atom.xml") }
        for path in feeds {
            let file = site.output.appendingPathComponent(path)
            let schema = path.hasSuffix("atom.xml") ? XMLLint.atomSchema : nil
            let complaint = try XMLLint.problems(file) + (schema.map { try XMLLint.problems(file, relaxNG: $0) } ?? "")
            if !complaint.isEmpty { problems.append("\(path): \(complaint)") }
        }
        for feed in try ParsedFeed.parse(feeds.map { site.output.appendingPathComponent($0) }) where feed.bozo {
            problems.append("\(feed.path): feedparser: \(feed.bozo_exception)")
        }
        return problems
    }

    static func rss(_ items: String, doctype: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>\(doctype)<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>partner</title><link>https://partner.example/</link>\(items)</channel></rss>
        """
    }

    static func item(title: String, link: String = "https://partner.example/a",
                     date: String = "Mon, 01 Jan 2024 00:00:00 +0000", description: String = "text") -> String {
        "<item><title>\(title)</title><link>\(link)</link><pubDate>\(date)</pubDate><description>\(description)</description></item>"
    }

    /// `html` as the text of an XML element.
    static func escaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func host(_ request: ReceivedRequest) -> String { request.header("Host") ?? "127.0.0.1" }

    static let billionLaughs = "<!DOCTYPE rss [<!ENTITY lol \"lol\">"
        + (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }.joined() + "]>"

    /// 100 MiB of zeros, gzipped (about 100 kB).
    static let gzipBomb: [UInt8] = {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feedsmith-bomb-\(UUID().uuidString).gz")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try? Shell.run("sh", ["-c", "head -c 104857600 /dev/zero | gzip -9 > '\(file.path)'"])
        return (try? [UInt8](Data(contentsOf: file))) ?? []
    }()
}
