import Foundation
import Testing
import FeedModel
@testable import Feedsmith

/// The post cache only saves work: a site built with it, through edits of every kind, gets the
/// same bytes as the same site built without it; and a run with nothing changed reads no post,
/// renders no feed and writes no file.
@Suite("Post cache")
struct PostCacheTests {
    /// Files changed in the two seconds before a build are never trusted to the cache; the
    /// tests wait that long so the cache, not that rule, is what they exercise.
    /// (An async sleep: a blocking one would hold one of the few threads every suite shares.)
    static func settle() async throws { try await Task.sleep(for: .milliseconds(2_100)) }

    /// Every file of the site folder (output, cache, posts) with its modification time and size,
    /// but the lock file.
    static func snapshot(_ site: SiteFolder) throws -> [String: String] {
        var files: [String: String] = [:]
        // The lock file names the run holding the site (a few bytes each run, never published).
        for path in SiteFolder.files(under: site.url) where path != ".feedsmith-lock" {
            let attributes = try FileManager.default.attributesOfItem(atPath: site.url.appendingPathComponent(path).path)
            files[path] = "\(attributes[.modificationDate]!) \(attributes[.size]!)"
        }
        return files
    }

    @Test("with nothing changed, a run reads no post, renders no feed and writes no file")
    func nothingChanged() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try await Self.settle()
        let first = try Shell.feedsmith(["build", "--verbose", "--site", site.url.path], in: site.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("posts: 15 read, 0 from the cache"), "\(first.stdout)")
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent(".feedsmith-cache").path))
        let before = try Self.snapshot(site)
        let again = try Shell.feedsmith(["build", "--verbose", "--site", site.url.path], in: site.url)
        #expect(again.status == 0)
        #expect(again.stdout.contains("posts: 0 read, 15 from the cache; feeds: 0 rendered"), "\(again.stdout)")
        #expect(again.stdout.hasSuffix("feedsmith: 0 file(s) written, 24 unchanged\n"), "\(again.stdout)")
        #expect(try Self.snapshot(site) == before)
    }

    @Test("edits, deletions, renames, a time going backwards and a new feeds.yml give the bytes of a build without the cache")
    func sameBytesAsWithout() async throws {
        let cached = try SiteFolder("example"), uncached = try SiteFolder("example")
        defer { cached.remove(); uncached.remove() }
        let first = "_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"
        let changes: [(String, (SiteFolder) throws -> Void)] = [
            ("nothing", { _ in }),
            ("a title edited, same size, modification time put back", { site in
                let url = site.url.appendingPathComponent(first)
                let time = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
                let text = try site.read(first)
                try site.write(text.replacingOccurrences(of: "加速数字化", with: "加快数字化"), to: first)
                #expect(try site.read(first).utf8.count == text.utf8.count)
                try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: url.path)
            }),
            ("a post dated later, its time set to 1990", { site in
                let url = site.url.appendingPathComponent(first)
                let text = try site.read(first)
                try site.write(text.replacingOccurrences(of: "date: 2022-01-14", with: "date: 2022-02-28"), to: first)
                #expect(try site.read(first) != text)
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 631_152_000)], ofItemAtPath: url.path)
            }),
            ("a post deleted", { site in
                let posts = try FileManager.default.contentsOfDirectory(atPath: site.url.appendingPathComponent("_posts").path).sorted()
                try FileManager.default.removeItem(at: site.url.appendingPathComponent("_posts/" + posts.last!))
            }),
            ("a post renamed into another category folder", { site in
                try FileManager.default.moveItem(at: site.url.appendingPathComponent(first),
                                                 to: site.url.appendingPathComponent("finance/_posts/2022-01-14-renamed.md"))
            }),
            ("a post that no longer parses", { site in
                let path = "finance/_posts/2022-01-14-renamed.md"
                try site.write("---\ntitle: \"unterminated\n---\nbody\n", to: path)
            }),
            ("a new post", { site in
                try site.write("---\ntitle: 新的\ndate: 2022-03-01 08:00:00 +0800\ncategories: [caixin, 新类]\n---\n正文\n",
                               to: "_posts/2022-03-01-new.md")
            }),
            ("three posts with one canonical URL, two of them at the same instant", { site in
                for (name, date) in [("a", "2021-12-03 08:00:00"), ("b", "2021-12-04 08:00:00"), ("c", "2021-12-04 08:00:00")] {
                    try site.write("---\ntitle: 同一 \(name)\ndate: \(date) +0800\ncategories: [caixin]\ncanonical_url: https://example.org/same\n---\nx\n",
                                   to: "_posts/2021-12-0\(name == "a" ? 3 : 4)-same-\(name).md")
                }
            }),
            ("the published one of them deleted", { site in
                try FileManager.default.removeItem(at: site.url.appendingPathComponent("_posts/2021-12-04-same-c.md"))
            }),
            ("posts at one instant in a new category, ordered by canonical URL", { site in
                for name in ["zz", "aa", "新", "mm"] {
                    try site.write("---\ntitle: 同时 \(name)\ndate: 2021-12-05 08:00:00 +0800\ncategories: [同时]\n---\nx\n",
                                   to: "_posts/2021-12-05-\(name).md")
                }
            }),
            ("feeds.yml changed", { site in
                let text = try site.read("feeds.yml")
                try site.write(text.replacingOccurrences(of: "limit: 20", with: "limit: 3"), to: "feeds.yml")
            }),
        ]
        for (what, change) in changes {
            try change(cached)
            try change(uncached)
            try await Self.settle()
            let without = try Shell.feedsmith(["build", "--no-cache", "--site", uncached.url.path], in: uncached.url)
            // The first run after the change reads the cache's records; the second finds its
            // inputs as the first left them (the cache's snapshot) and reads nothing.
            for run in ["first run", "second run"] {
                let withCache = try cached.build()
                #expect(withCache.status == without.status, "\(what), \(run)")
                #expect(withCache.stderr.replacingOccurrences(of: cached.url.path, with: "SITE")
                            == without.stderr.replacingOccurrences(of: uncached.url.path, with: "SITE"), "\(what), \(run)")
                #expect(cached.outputFiles() == uncached.outputFiles(), "\(what), \(run)")
                for path in cached.outputFiles() {
                    #expect(try cached.read("output/" + path) == uncached.read("output/" + path), "\(what), \(run): output/\(path)")
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: uncached.url.appendingPathComponent(".feedsmith-cache").path))
        #expect(try cached.read("output/rss.xml").contains("新的"))
    }

    @Test("a post dated a few seconds ahead is published by the first run after its date, though no file changed")
    func postFallsDue() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        // The post must still be in the future when the two runs before its date end; on a
        // loaded machine that takes longer, and the post is dated further ahead.
        for margin in [8.0, 30, 90] {
            let due = Date().addingTimeInterval(margin)
            try site.write("---\ntitle: 准时发布\ndate: \(formatter.string(from: due)) +0000\n---\n正文\n", to: "_posts/2022-01-01-due.md")
            try await Self.settle()
            var early: [Bool] = []
            for _ in 0..<2 {
                #expect(try site.build().status == 0)
                early.append(try !site.read("output/rss.xml").contains("准时发布"))
            }
            guard Date() < due else { continue }
            #expect(early == [true, true])
            try await Task.sleep(until: .now + .seconds(due.timeIntervalSinceNow + 1.1))
            let result = try Shell.feedsmith(["build", "--verbose", "--site", site.url.path], in: site.url)
            #expect(result.stdout.contains("wrote rss.xml"), "\(result.stdout)")
            #expect(try site.read("output/rss.xml").contains("准时发布"))
            return
        }
        Issue.record("two builds of the example site took more than 90 seconds")
    }

    @Test("a clock set back unpublishes what it makes future again, as a build without the cache does")
    func clockSetBack() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try site.write("---\ntitle: 时钟回拨\ndate: 2023-06-01 12:00:00 +0000\n---\n正文\n", to: "_posts/2023-06-01-clock.md")
        try await Self.settle()
        let date: Int64 = 1_685_620_800  // 2023-06-01 12:00:00 UTC
        func build(at now: Int64, cache: Bool = true) async -> BuildReport {
            await Publisher(site: site.url.path, usesCache: cache, now: { Instant(secondsSince1970: now) }).buildAndNotify()
        }
        for _ in 0..<2 {
            #expect(await build(at: date + 60).fatal == nil)
            #expect(try site.read("output/rss.xml").contains("时钟回拨"))
        }
        let back = await build(at: date - 60)
        #expect(back.written.contains("rss.xml"), "\(back.written)")
        #expect(try !site.read("output/rss.xml").contains("时钟回拨"))
        let bytes = try site.outputBytes()
        #expect(await build(at: date - 60, cache: false).written.isEmpty)
        #expect(try site.outputBytes() == bytes)
    }

    @Test("an output file edited or deleted by hand is written again by the next run, though no input changed")
    func outputsRepaired() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try await Self.settle()
        #expect(try site.build().status == 0)
        let bytes = try site.outputBytes()
        try site.write("edited", to: "output/category/finance/atom.xml")
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("output/feed.json"))
        let result = try Shell.feedsmith(["build", "--verbose", "--site", site.url.path], in: site.url)
        #expect(result.stdout.contains("feedsmith: 2 file(s) written, 22 unchanged"), "\(result.stdout)")
        #expect(try site.outputBytes() == bytes)
    }

    @Test("with few changes the records are kept as they were (the header alone written): files they miss are read again, and the bytes are those of a build without the cache")
    func fewChangesKeepTheRecords() async throws {
        let cached = try SiteFolder("example"), uncached = try SiteFolder("example")
        defer { cached.remove(); uncached.remove() }
        func post(_ number: Int) -> (path: String, text: String) {
            let day = String(format: "%02d", number % 28 + 1), month = String(format: "%02d", number / 28 % 12 + 1)
            return ("_posts/2021-\(month)-\(day)-bulk-\(number).md",
                    "---\ntitle: 第\(number)篇\ndate: 2021-\(month)-\(day) \(String(format: "%02d", number % 24)):00:00 +0800\ncategories: [bulk]\n---\n正文\n")
        }
        // 615 post files: the records are written again when 3 change (one in 256).
        for site in [cached, uncached] {
            for number in 0..<600 { try site.write(post(number).text, to: post(number).path) }
        }
        let changes: [(String, String, (SiteFolder) throws -> Void)] = [
            ("all new", "posts: 615 read, 0 from the cache", { _ in }),
            ("a post added: the records are kept", "posts: 1 read, 615 from the cache", { site in
                try site.write("---\ntitle: 后来的\ndate: 2022-03-02 08:00:00 +0800\ncategories: [bulk]\n---\n正文\n", to: "_posts/2022-03-02-later.md")
            }),
            ("a post deleted: the records are kept", "posts: 1 read, 614 from the cache", { site in
                try FileManager.default.removeItem(at: site.url.appendingPathComponent(post(8).path))
            }),
            ("a post edited: four changes, the records are written", "posts: 2 read, 613 from the cache", { site in
                try site.write(post(7).text.replacingOccurrences(of: "第7篇", with: "第七篇"), to: post(7).path)
            }),
            ("another post added", "posts: 1 read, 615 from the cache", { site in
                try site.write("---\ntitle: 更后来的\ndate: 2022-03-03 08:00:00 +0800\ncategories: [bulk]\n---\n正文\n", to: "_posts/2022-03-03-later.md")
            }),
        ]
        for (what, reads, change) in changes {
            try change(cached)
            try change(uncached)
            try await Self.settle()
            let without = try Shell.feedsmith(["build", "--no-cache", "--site", uncached.url.path], in: uncached.url)
            for run in ["first run", "second run"] {
                let withCache = try Shell.feedsmith(["build", "--verbose", "--site", cached.url.path], in: cached.url)
                #expect(withCache.status == without.status, "\(what), \(run)")
                // The first run reads what the records miss; the second reads nothing (its
                // inputs are the snapshot's).
                #expect(withCache.stdout.contains(run == "first run" ? reads : "posts: 0 read"), "\(what), \(run): \(withCache.stdout)")
                #expect(withCache.stderr.replacingOccurrences(of: cached.url.path, with: "SITE")
                            == without.stderr.replacingOccurrences(of: uncached.url.path, with: "SITE"), "\(what), \(run)")
                #expect(cached.outputFiles() == uncached.outputFiles(), "\(what), \(run)")
                for path in cached.outputFiles() {
                    #expect(try cached.read("output/" + path) == uncached.read("output/" + path), "\(what), \(run): output/\(path)")
                }
            }
        }
    }

    @Test("a damaged cache is ignored and replaced")
    func damagedCache() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try await Self.settle()
        #expect(try site.build().status == 0)
        let cache = site.url.appendingPathComponent(".feedsmith-cache")
        let bytes = try Data(contentsOf: cache)
        try bytes.prefix(bytes.count / 2).write(to: cache)
        let result = try Shell.feedsmith(["build", "--verbose", "--site", site.url.path], in: site.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("posts: 15 read, 0 from the cache"), "\(result.stdout)")
        // Rewritten whole (its records in another order, the same size) and used again.
        #expect(try Data(contentsOf: cache).count == bytes.count)
        let again = try Shell.feedsmith(["build", "--verbose", "--site", site.url.path], in: site.url)
        #expect(again.stdout.contains("posts: 0 read, 15 from the cache; feeds: 0 rendered"), "\(again.stdout)")
    }
}
