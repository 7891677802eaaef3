/// ArticleStore: the merged articles, keyed by canonical URL, and the fetch state of each
/// partner source, in one SQLite database through GRDB (WAL, so readers never wait; a busy
/// timeout, so concurrent writers queue instead of failing).
import FeedModel
import Foundation
import GRDB

/// The SQLite store of merged articles and source fetch state.
public final class ArticleStore: Sendable {
    /// The database file's path, as messages show it.
    public let path: String
    private let pool: DatabasePool

    /// Opens the store at `path`, creating it and bringing its schema up to date.
    /// `busyTimeout` is how long a write waits for another process's transaction.
    public init(path: String, busyTimeout: TimeInterval = 60) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "feedsmith.store"
        do {
            pool = try ArticleStore.open(path: path, configuration: configuration, busyTimeout: busyTimeout)
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// Opens the pool and migrates it, trying again while another process holds a lock SQLite
    /// does not wait for: switching a new database to WAL and the migrator's deferred
    /// transaction both answer SQLITE_BUSY at once instead of calling the busy handler.
    private static func open(path: String, configuration: Configuration, busyTimeout: TimeInterval) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try migrate(pool)
                return pool
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: .random(in: 0.005...0.05))
            }
        }
    }

    /// Merges one feed's versions into the store in one transaction, with the source's fetch
    /// state when given: either all of it is stored or, on any error, nothing is.
    @discardableResult
    public func merge(_ versions: [Article], sourceState: SourceState? = nil) throws(StoreError) -> MergeSummary {
        // The feed's own duplicates are joined first: the join is associative, so this is
        // the same as merging them one by one, with one read and one write per article.
        var incoming: [String: MergedArticle] = [:]
        for version in versions {
            let lifted = MergedArticle(version)
            incoming[version.canonicalURL] = incoming[version.canonicalURL].map { $0.merged(with: lifted) } ?? lifted
        }
        let keys = incoming.keys.sorted()
        do {
            return try pool.writeWithoutTransaction { db in
                var summary = MergeSummary(items: versions.count)
                // IMMEDIATE takes the write lock before reading, so a concurrent merge waits
                // (busy timeout) rather than failing when it tries to write after reading.
                try db.inTransaction(.immediate) {
                    for key in keys {
                        let new = incoming[key]!
                        if let stored = try ArticleRow.fetch(db, canonicalURL: key) {
                            let merged = stored.merged(with: new)
                            if merged != stored {
                                try ArticleRow.save(merged, db)
                                summary.changed += 1
                            } else {
                                summary.unchanged += 1
                            }
                        } else {
                            try ArticleRow.save(new, db)
                            summary.added += 1
                        }
                    }
                    if let sourceState { try SourceRow.save(sourceState, db) }
                    return .commit
                }
                return summary
            }
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// Every merged article, sorted by canonical URL.
    public func articles() throws(StoreError) -> [MergedArticle] {
        do {
            return try pool.read { db in try ArticleRow.fetchAll(db) }
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// The number of articles stored.
    public func articleCount() throws(StoreError) -> Int {
        do {
            return try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// The fetch state of the source at `url`, nil when it was never fetched.
    public func sourceState(url: String) throws(StoreError) -> SourceState? {
        do {
            return try pool.read { db in try SourceRow.fetch(db, url: url) }
        } catch {
            throw StoreError(path: path, error)
        }
    }

    /// Records a source's fetch state on its own (a 304, a 410, a failure): no article changes.
    public func save(_ state: SourceState) throws(StoreError) {
        do {
            try pool.write { db in try SourceRow.save(state, db) }
        } catch {
            throw StoreError(path: path, error)
        }
    }
}
