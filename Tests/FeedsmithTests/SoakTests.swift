import Foundation
import HTTPTestServer
import NIOConcurrencyHelpers
import Testing

/// One long-running `feedsmith aggregate --every` process against 200 partner feeds served on
/// 127.0.0.1 whose items change at every fetch, and which gain new items during the first runs
/// only. Between runs the process is sampled: once no new article comes, its memory stays flat;
/// it never holds more file descriptors than after its first run; the store grows only with new
/// articles. `FEEDSMITH_SOAK_SECONDS` sets the duration (default 80 s, as in CI);
/// `scripts/soak SECONDS` runs it longer and prints the samples.
@Suite("Soak")
struct SoakTests {
    static let feeds = 200
    static var seconds: Int { Int(ProcessInfo.processInfo.environment["FEEDSMITH_SOAK_SECONDS"] ?? "") ?? 80 }
    /// Fetches of a changing feed that bring a new item: the first few, so later runs hold the
    /// number of articles still while every item's text keeps changing.
    static let growingFetches = 3

    /// What the process looked like while it waited for its next run.
    struct Sample {
        var run: Int
        var residentKiB: Int
        var descriptors: Int
        /// The store's database and WAL files, in bytes.
        var storeBytes: Int
    }

    @Test("200 partner feeds aggregated every 10 seconds, items changing: memory flat, no descriptor leak, the store grows only with new articles, nothing lost")
    func soak() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let fetches = NIOLockedValueBox([Int](repeating: 0, count: Self.feeds))
        var routes: [String: TestHTTPServer.Route] = [:]
        for feed in 0..<Self.feeds {
            routes["/\(feed).xml"] = { request in
                let version = fetches.withLockedValue { counts in
                    defer { counts[feed] += 1 }
                    return counts[feed]
                }
                return Self.response(feed: feed, version: version, request: request)
            }
        }
        let server = try await TestHTTPServer.start(routes)
        try site.write(try site.read("feeds.yml") + "sources:\n"
            + (0..<Self.feeds).map { "  - url: \(server.url("/\($0).xml"))\n" }.joined(), to: "feeds.yml")

        // A run takes 1 to 8 s in a debug build while the other suites run (with every 8 s, a
        // fresh-clone CI run at 7cd033f sampled one run of eight): sampled right after a run
        // that ended with time to spare, the process is idle.
        let every = 10
        let runs = max(4, Self.seconds / every)
        let samples = NIOLockedValueBox([Sample]())
        let seen = NIOLockedValueBox(0)
        let store = site.url.appendingPathComponent("feedsmith.sqlite").path
        let run = try await MeasuredRun.feedsmith(
            ["aggregate", "--site", site.url.path, "--every", "\(every)", "--runs", "\(runs)"],
            killAfter: Double(runs * 30)) { pid, stdout in
            // Each "next run at" line: a run has ended and the process waits, unless the run took
            // so long that the next one is due (a loaded machine): such a run is not sampled.
            let lines = ((try? String(contentsOfFile: stdout, encoding: .utf8)) ?? "")
                .components(separatedBy: "feedsmith: next run at ")
            let ended = lines.count - 1
            guard ended > seen.withLockedValue({ $0 }) else { return }
            seen.withLockedValue { $0 = ended }
            let next = ISO8601DateFormatter().date(from: String(lines.last!.prefix { $0 != "\n" }))
            guard let next, next.timeIntervalSinceNow >= 1 else { return }
            let sample = Sample(run: ended, residentKiB: Self.residentKiB(pid), descriptors: Self.descriptors(pid),
                                storeBytes: Self.size(store) + Self.size(store + "-wal"))
            samples.withLockedValue { $0.append(sample) }
        }
        try await server.shutdown()
        let taken = samples.withLockedValue { $0 }
        print("soak: \(runs) runs of \(Self.feeds) feeds in \(String(format: "%.0f", run.seconds)) s; peak \(run.peakMiB) MiB")
        print("run  resident KiB  descriptors  store bytes")
        for sample in taken {
            print(String(format: "%3d  %12d  %11d  %11d", sample.run, sample.residentKiB, sample.descriptors, sample.storeBytes))
        }

        #expect(run.status == 0, "\(run.summary)")
        #expect(run.stderr == "", "\(run.stderr.prefix(2000))")
        #expect(taken.count >= 2, "the runs ended with the next one already due: \(taken.count) sampled")
        // Nothing lost: every item ever served is an article.
        let served = fetches.withLockedValue { $0 }.enumerated().map { feed, count in
            feed % 5 == 0 ? 10 : Self.oldest(version: count - 1) + 10
        }.reduce(0, +)
        let articles = try Shell.feedsmith(["articles", "--site", site.url.path], in: site.url).stdout
        #expect(articles.components(separatedBy: "\"url\": \"https://p").count - 1 == served)
        guard let first = taken.first, let last = taken.last, taken.count >= 3 else { return }
        // The store: a run that brings no new article (every other one) rewrites rows in place;
        // in all, it grows by what the new articles need.
        let stored = { (run: Int) in 40 * 10 + 160 * (Self.oldest(version: run - 1) + 10) }
        for (before, after) in zip(taken, taken.dropFirst()) where stored(before.run) == stored(after.run) {
            #expect(after.storeBytes - before.storeBytes <= 16 * 1024, "run \(after.run): \(before.storeBytes) → \(after.storeBytes) bytes, no new article")
        }
        let added = stored(last.run) - stored(first.run)
        #expect(last.storeBytes - first.storeBytes <= added * 1024 + 64 * 1024,
                "\(added) new articles took \(last.storeBytes - first.storeBytes) bytes")
        // Descriptors: every client socket and store handle closed after each run.
        #expect(taken.allSatisfy { $0.descriptors == first.descriptors }, "descriptors: \(taken.map(\.descriptors))")
        // Memory: once the articles stop growing, the last third of the runs needs no more than
        // the first third did, give or take the allocator's noise (a few MiB, seen run to run).
        let still = taken.filter { $0.run > Self.growingFetches }.map(\.residentKiB)
        if still.count >= 3 {
            let third = still.count / 3
            let early = still.prefix(max(1, third)).max()!, late = still.suffix(max(1, third)).max()!
            #expect(late <= early + early / 10, "resident KiB once the store holds still: \(still)")
        }
    }

    /// Feed `feed` at its `version`th fetch. Every fifth feed never changes and answers a
    /// conditional GET with 304; the others carry the version in every item's text and, while
    /// they grow, gain a new item every second fetch, keeping their newest ten.
    static func response(feed: Int, version: Int, request: ReceivedRequest) -> ScriptedResponse {
        let still = feed % 5 == 0
        if still, request.header("If-None-Match") == "\"still\"" {
            return ScriptedResponse(status: 304, headers: [("ETag", "\"still\"")])
        }
        let oldest = still ? 0 : Self.oldest(version: version)
        let items = (oldest..<oldest + 10).map { item in
            """
            <item><title>Feed \(feed) item \(item)</title><link>https://p\(feed).example/\(item)</link>\
            <pubDate>\(pubDate(hours: feed * 1_000 + item))</pubDate>\
            <description>Item \(item) of feed \(feed), fetch \(still ? 0 : version).</description></item>
            """
        }.joined()
        let body = """
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Partner \(feed)</title>\
            <link>https://p\(feed).example/</link>\(items)</channel></rss>
            """
        return ScriptedResponse(headers: [("Content-Type", "application/rss+xml")] + (still ? [("ETag", "\"still\"")] : []),
                                body: Array(body.utf8))
    }

    /// The oldest item of a changing feed at its `version`th fetch: one more every second
    /// fetch while the feed grows.
    static func oldest(version: Int) -> Int { min(version, growingFetches - 1) / 2 }

    static func pubDate(hours: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date(timeIntervalSince1970: 1_704_067_200 + Double(hours) * 3600))
    }

    static func residentKiB(_ pid: pid_t) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }

    static func descriptors(_ pid: pid_t) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
