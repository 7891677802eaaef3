import FeedModel
import Foundation
import GRDB

/// The `article` table's rows ↔ ``MergedArticle``.
enum ArticleRow {
    static let columns = """
        canonical_url, link, title, summary, content_html, authors, categories, tags, published, updated,
        image, enclosures, sources, is_local, winner_updated, winner_published, winner_digest
        """

    static func fetch(_ db: Database, canonicalURL: String) throws -> MergedArticle? {
        // Cached: a merge runs these once per article, and compiling a statement (with GRDB's
        // authorizer) cost more than running it in a profile of a 50,000-item merge.
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM article WHERE canonical_url = ?")
        return try Row.fetchOne(statement, arguments: [canonicalURL]).map(merged)
    }

    static func fetchAll(_ db: Database) throws -> [MergedArticle] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM article ORDER BY canonical_url").map(merged)
    }

    static func save(_ value: MergedArticle, _ db: Database) throws {
        let article = value.article
        let arguments: StatementArguments = [
            article.canonicalURL, article.link, article.title, article.summary, article.contentHTML,
            try json(article.authors), try json(article.categories.sorted()), try json(article.tags.sorted()),
            article.published?.secondsSince1970, article.updated?.secondsSince1970, article.image,
            try json(article.enclosures), try json(article.sources.sorted()), article.isLocal,
            value.winner.updated?.secondsSince1970, value.winner.published?.secondsSince1970, value.winner.digest.hex,
        ]
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO article (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: arguments)
    }

    private static func merged(_ row: Row) throws -> MergedArticle {
        let url: String = row["canonical_url"]
        func decode<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
            let text: String = row[column]
            do {
                return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            } catch {
                throw StoreError(path: "article \(url)", reason: "column '\(column)' is not valid JSON: \(text)")
            }
        }
        let isLocal: Bool = row["is_local"]
        let article = Article(
            canonicalURL: url, link: row["link"], title: row["title"], summary: row["summary"],
            contentHTML: row["content_html"], authors: try decode("authors", as: [Author].self),
            categories: Set(try decode("categories", as: [String].self)),
            tags: Set(try decode("tags", as: [String].self)),
            published: instant(row["published"]), updated: instant(row["updated"]), image: row["image"],
            enclosures: try decode("enclosures", as: [Enclosure].self),
            sources: Set(try decode("sources", as: [String].self)), isLocal: isLocal)
        let digestText: String = row["winner_digest"]
        guard let digest = ContentDigest(hex: digestText) else {
            throw StoreError(path: "article \(url)", reason: "column 'winner_digest' is not 32 hex digits: \(digestText)")
        }
        let winner = MergeRank(isLocal: isLocal, updated: instant(row["winner_updated"]),
                               published: instant(row["winner_published"]), digest: digest)
        return MergedArticle(article: article, winner: winner)
    }

    private static func instant(_ seconds: Int64?) -> Instant? {
        seconds.map(Instant.init(secondsSince1970:))
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
