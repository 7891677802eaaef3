import FeedModel
import Foundation
import Testing
@testable import FeedParsing

/// Every fixture we parse is also read by Python's feedparser (`Fixtures/feedparser-dump.py`),
/// an independent reader, and the two must agree on what a reader sees: the number of items,
/// their titles (white space collapsed), their links (both sides canonicalised) and their
/// instants (the set of published/updated dates, since the two readers file `dc:date` under
/// different names). Where we differ on purpose or feedparser is wrong, the table below says so.
@Suite struct FeedparserCrossCheckTests {
    /// A known, reasoned difference: `field` is `count`, `title`, `link` or `dates`, optionally
    /// with an item index (`dates[4]`); without one it covers every item of the fixture.
    struct Exception {
        var fixture: String
        var field: String
        var reason: String
    }

    static let exceptions: [Exception] = []

    struct Difference: CustomStringConvertible {
        var fixture: String
        var field: String
        var index: Int?
        var ours: String
        var theirs: String
        var description: String {
            "\(fixture): \(field)\(index.map { "[\($0)]" } ?? ""): feedsmith \(ours), feedparser \(theirs)"
        }

        func isCovered(by exception: Exception) -> Bool {
            exception.fixture == fixture
                && (exception.field == field || index.map { exception.field == "\(field)[\($0)]" } == true)
        }
    }

    @Test func agreesWithFeedparser() throws {
        let theirs = try Self.feedparserResults()
        var differences: [Difference] = []
        for name in FixtureCorpus.names {
            guard case .success(let feed) = try FixtureCorpus.parse(name) else { continue }  // Error fixtures.
            guard let other = theirs[name] as? [String: Any] else {
                Issue.record("\(name): feedparser printed nothing for it"); continue
            }
            differences += Self.compare(name, feed, other)
        }
        for exception in Self.exceptions where exception.reason.trimmingCharacters(in: .whitespaces).isEmpty {
            Issue.record("\(exception.fixture) \(exception.field): an exception needs a reason")
        }
        for difference in differences where !Self.exceptions.contains(where: difference.isCovered) {
            Issue.record(Comment(rawValue: difference.description))
        }
        for exception in Self.exceptions where !differences.contains(where: { $0.isCovered(by: exception) }) {
            Issue.record("\(exception.fixture) \(exception.field): no longer differs from feedparser; remove the exception")
        }
    }

    static func compare(_ name: String, _ feed: ParsedFeed, _ other: [String: Any]) -> [Difference] {
        var out: [Difference] = []
        let entries = other["entries"] as? [[String: Any]] ?? []
        if feed.articles.count != entries.count {
            out.append(Difference(fixture: name, field: "count", ours: "\(feed.articles.count)", theirs: "\(entries.count)"))
        }
        for (index, (article, entry)) in zip(feed.articles, entries).enumerated() {
            let title = collapsed(article.title), otherTitle = collapsed(entry["title"] as? String ?? "")
            if title != otherTitle {
                out.append(Difference(fixture: name, field: "title", index: index,
                                      ours: title.debugDescription, theirs: otherTitle.debugDescription))
            }
            let link = article.link.flatMap { CanonicalURL.canonical($0) }
            let otherLink = (entry["link"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            if link != otherLink.flatMap({ CanonicalURL.canonical($0) }) {
                out.append(Difference(fixture: name, field: "link", index: index,
                                      ours: article.link ?? "none", theirs: otherLink ?? "none"))
            }
            let dates = Set([article.published, article.updated].compactMap { $0?.secondsSince1970 }).sorted()
            let otherDates = (entry["dates"] as? [NSNumber] ?? []).map(\.int64Value)
            if dates != otherDates {
                out.append(Difference(fixture: name, field: "dates", index: index,
                                      ours: describe(dates), theirs: describe(otherDates)))
            }
        }
        return out
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func describe(_ dates: [Int64]) -> String {
        dates.isEmpty ? "no date" : dates.map { ExpectedJSON.rfc3339(Instant(secondsSince1970: $0)) }
            .joined(separator: " and ")
    }

    /// Runs the dump script on every fixture with python3; fails clearly when feedparser is missing.
    static func feedparserResults() throws -> [String: Any] {
        let folder = FixtureCorpus.bundleFolder
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent("feedparser-dump.py").path, folder.path]
            + FixtureCorpus.names
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CrossCheckError(message: "python3 feedparser-dump.py failed (run scripts/setup to install feedparser): "
                + String(decoding: problems, as: UTF8.self))
        }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    struct CrossCheckError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
