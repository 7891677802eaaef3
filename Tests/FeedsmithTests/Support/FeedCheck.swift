import Foundation

/// What Python's feedparser, an independent reader, sees in a feed file.
struct ParsedFeed: Decodable {
    struct Entry: Decodable {
        var title: String?
        var link: String?
        var id: String?
        var published: Int?
        var updated: Int?
        var author: String?
        var tags: [String]
        var content: String?
    }

    var path: String
    var bozo: Bool
    var bozo_exception: String
    var version: String
    var title: String?
    var link: String?
    var language: String?
    var updated: Int?
    var entries: [Entry]

    /// Parses every file with feedparser in one Python process.
    static func parse(_ files: [URL]) throws -> [ParsedFeed] {
        let script = Bundle.module.url(forResource: "Fixtures/feedcheck", withExtension: "py")!
        let result = try Shell.run("python3", [script.path] + files.map(\.path))
        guard result.status == 0 else { throw CheckFailure(message: "feedparser failed: \(result.stderr)") }
        return try JSONDecoder().decode([ParsedFeed].self, from: Data(result.stdout.utf8))
    }
}

struct CheckFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
