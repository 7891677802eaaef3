import FeedModel
import Foundation
import Testing
import TestSupport
@testable import ArticleStore
import GRDB
import Synchronization

/// A store in a fresh temporary folder.
struct TemporaryStore {
    let folder: URL
    var path: String { folder.appendingPathComponent("feedsmith.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func open() throws -> ArticleStore { try ArticleStore(path: path) }
    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct ArticleStoreTests {
    static func article(_ url: String, _ title: String, published: Int64?, updated: Int64? = nil,
                        categories: Set<String> = [], source: String = "feed") -> Article {
        Article(canonicalURL: url, link: url, title: title, summary: "s \(title)", contentHTML: "<p>\(title)</p>",
                authors: [Author(name: "A", email: "a@x")], categories: categories, tags: ["t"],
                published: published.map(Instant.init), updated: updated.map(Instant.init),
                image: nil, enclosures: [Enclosure(url: "https://x/a.mp3", type: "audio/mpeg", length: 3)],
                sources: [source])
    }

    @Test func storedValuesRoundTripExactly() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        var rng = SplitMix64(state: 7)
        var expected: [String: MergedArticle] = [:]
        let store = try temporary.open()
        for round in 0..<20 {
            let versions = (0..<30).map { index in
                var version = RandomVersion.make(&rng)
                version.canonicalURL = "https://example.com/\(index % 12)"
                return version
            }
            try store.merge(versions)
            for version in versions {
                let lifted = MergedArticle(version)
                expected[version.canonicalURL] = expected[version.canonicalURL].map { $0.merged(with: lifted) } ?? lifted
            }
            let stored = try store.articles()
            #expect(stored == expected.values.sorted { $0.article.canonicalURL < $1.article.canonicalURL },
                    "round \(round)")
        }
        // Reopened from disk, the same.
        #expect(try temporary.open().articles().count == 12)
    }

    @Test func mergingInAnyOrderGivesTheSameStore() throws {
        var rng = SplitMix64(state: 8)
        let feeds = (0..<4).map { _ in
            (0..<25).map { index -> Article in
                var version = RandomVersion.make(&rng)
                version.canonicalURL = "https://example.com/\(Int(rng.next() % 15))-\(index % 3)"
                return version
            }
        }
        var results: [[MergedArticle]] = []
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
            let temporary = try TemporaryStore()
            defer { temporary.remove() }
            let store = try temporary.open()
            for index in order { try store.merge(feeds[index]) }
            for index in order { try store.merge(feeds[index]) }  // again: idempotent
            results.append(try store.articles())
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
    }

    @Test func anArticleThatLeavesAFeedStays() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try temporary.open()
        try store.merge([Self.article("https://e.com/a", "a", published: 1), Self.article("https://e.com/b", "b", published: 2)])
        let summary = try store.merge([Self.article("https://e.com/b", "b", published: 2)])
        #expect(summary == MergeSummary(items: 1, added: 0, changed: 0, unchanged: 1))
        try store.merge([])
        #expect(try store.articles().map(\.article.title) == ["a", "b"])
    }

    @Test func sourceStateIsSavedWithTheMerge() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try temporary.open()
        #expect(try store.sourceState(url: "https://p.example/feed") == nil)
        let state = SourceState(url: "https://p.example/feed", etag: "\"v1\"", lastModified: "Tue, 01 Jan 2030 00:00:00 GMT",
                                lastStatus: 200, movedTo: "https://q.example/feed")
        try store.merge([Self.article("https://e.com/a", "a", published: 1)], sourceState: state)
        #expect(try store.sourceState(url: "https://p.example/feed") == state)
        var dead = state
        dead.isDead = true
        dead.lastStatus = 410
        dead.nextAttempt = 1_767_225_600
        try store.save(dead)
        #expect(try temporary.open().sourceState(url: "https://p.example/feed") == dead)
    }

    @Test func schemaVersionIsRecorded() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        _ = try temporary.open()
        _ = try temporary.open()  // migrating an up-to-date store does nothing
        let tables = try Shell.sqlite(temporary.path, "SELECT identifier FROM grdb_migrations")
        #expect(tables == "v1\nv2\nv3\n")
        #expect(try Shell.sqlite(temporary.path, "PRAGMA journal_mode") == "wal\n")
    }

    /// Two cron runs that both find no store open it at once; SQLite answers the second one's
    /// switch to WAL with "database is locked" without waiting, so opening tries again.
    @Test func manyOpeningANewStoreAtOnceAllSucceed() throws {
        for round in 0..<25 {
            let temporary = try TemporaryStore()
            defer { temporary.remove() }
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try temporary.open() } catch { failures.withLock { $0.append("\(error)") } }
            }
            #expect(failures.withLock { $0 } == [], "round \(round)")
            #expect(try Shell.sqlite(temporary.path, "SELECT COUNT(*) FROM grdb_migrations") == "3\n")
        }
    }

    @Test func aStoreThatIsNotSQLiteIsAnErrorNamingIt() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        try Data("not a database, just text that is long enough to be a header...............".utf8)
            .write(to: URL(fileURLWithPath: temporary.path))
        #expect(throws: StoreError(path: temporary.path, reason: "SQLite error 26: file is not a database")) {
            try temporary.open()
        }
    }
}

/// Random versions for the store tests (the FeedModel tests have their own).
enum RandomVersion {
    static func make(_ rng: inout SplitMix64) -> Article {
        func pick<T>(_ options: [T]) -> T { options.randomElement(using: &rng)! }
        let instants: [Instant?] = [nil, Instant(secondsSince1970: 10), Instant(secondsSince1970: 20), Instant(secondsSince1970: 30)]
        return Article(
            canonicalURL: "", link: pick([nil, "http://e.com/x"]), title: pick(["", "T", "标题 \"q\""]),
            summary: pick([nil, "s"]), contentHTML: pick([nil, "<p>a</p>", "<p>b</p>"]),
            authors: pick([[], [Author(name: "N")], [Author(name: "N", email: "e@x", uri: "https://u/")]]),
            categories: Set([pick(["a", "b", "c"]), pick(["a", "d"])]), tags: Set([pick(["x", "y"])]),
            published: pick(instants), updated: pick(instants), image: pick([nil, "https://e.com/i.png"]),
            enclosures: pick([[], [Enclosure(url: "https://e.com/a.mp3", type: nil, length: nil)]]),
            sources: [pick(["f1", "f2", "https://p.example/feed"])], isLocal: false)
    }
}

enum Shell {
    /// `sqlite3 PATH SQL`, through Python's sqlite3 module (the sqlite3 shell may be missing).
    static func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(*row)
            """, path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite struct ArticleStoreMigrationTests {
    @Test func aVersion1StoreIsMigratedKeepingItsData() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let queue = try DatabaseQueue(path: temporary.path)
        try ArticleStore.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO source (url, etag, dead) VALUES ('https://p.example/feed', 'e', 0)")
        }
        try queue.close()
        let store = try temporary.open()
        #expect(try store.sourceState(url: "https://p.example/feed") == SourceState(url: "https://p.example/feed", etag: "e"))
    }
}
