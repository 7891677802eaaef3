import GRDB

extension ArticleStore {
    /// Brings the schema up to date. GRDB reads which migrations are applied outside the
    /// migration's transaction, so two processes opening a new store at once may both try the
    /// same one; the loser's transaction rolls back, and trying again finds it applied.
    static func migrate(_ pool: DatabasePool) throws {
        var attempt = 1
        while true {
            do {
                return try migrator.migrate(pool)
            } catch let error as DatabaseError where attempt < 3
                && (error.resultCode == .SQLITE_ERROR || error.resultCode == .SQLITE_CONSTRAINT) {
                attempt += 1
            }
        }
    }

    /// The schema, one migration per version from the first; never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // The merged article, and the rank of the version whose content it carries (the
            // merge needs both to stay a join: see MergedArticle). Sets and lists are JSON.
            try db.execute(sql: """
                CREATE TABLE article (
                    canonical_url TEXT PRIMARY KEY NOT NULL,
                    link TEXT,
                    title TEXT NOT NULL,
                    summary TEXT,
                    content_html TEXT,
                    authors TEXT NOT NULL,
                    categories TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    published INTEGER,
                    updated INTEGER,
                    image TEXT,
                    enclosures TEXT NOT NULL,
                    sources TEXT NOT NULL,
                    is_local INTEGER NOT NULL,
                    winner_updated INTEGER,
                    winner_published INTEGER,
                    winner_digest TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE source (
                    url TEXT PRIMARY KEY NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    last_status INTEGER,
                    last_error TEXT,
                    moved_to TEXT,
                    dead INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2") { db in
            // What a source's last merge was made of, so the same bytes again cost no parse.
            try db.execute(sql: "ALTER TABLE source ADD COLUMN merged_digest TEXT")
        }
        migrator.registerMigration("v3") { db in
            // The time (seconds since 1970) a 429 or 503 asked not to be fetched before.
            try db.execute(sql: "ALTER TABLE source ADD COLUMN next_attempt INTEGER")
        }
        return migrator
    }
}
