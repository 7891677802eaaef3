import GRDB

/// The `source` table's rows ↔ ``SourceState``.
enum SourceRow {
    static func fetch(_ db: Database, url: String) throws -> SourceState? {
        try Row.fetchOne(db, sql: """
            SELECT url, etag, last_modified, last_status, last_error, moved_to, dead, merged_digest, next_attempt
            FROM source WHERE url = ?
            """, arguments: [url]).map { row in
            SourceState(url: row["url"], etag: row["etag"], lastModified: row["last_modified"],
                        lastStatus: row["last_status"], lastError: row["last_error"], movedTo: row["moved_to"],
                        isDead: row["dead"], mergedDigest: row["merged_digest"], nextAttempt: row["next_attempt"])
        }
    }

    static func save(_ state: SourceState, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO source (url, etag, last_modified, last_status, last_error, moved_to, dead,
                                          merged_digest, next_attempt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [state.url, state.etag, state.lastModified, state.lastStatus, state.lastError,
                             state.movedTo, state.isDead, state.mergedDigest, state.nextAttempt])
    }
}
