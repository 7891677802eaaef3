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

    static let exceptions: [Exception] = [
        // Where feedsmith reads differently on purpose.
        Exception(fixture: "dates-rfc822.xml", field: "dates[4]", reason:
            "feedparser reads CST as US Central (-06:00); feedsmith reads it as China Standard Time "
            + "(+08:00) unless the source's time zone is America/Chicago (FeedDate.namedZone)"),
        Exception(fixture: "dates-zoneless.xml", field: "dates[0]", reason:
            "feedparser reads a zoneless ISO 8601 time as UTC; feedsmith reads it in the source's zone (Asia/Shanghai here)"),
        Exception(fixture: "dates-zoneless.xml", field: "dates[1]", reason:
            "feedparser reads '2022-01-14 01:01:10' as UTC; feedsmith reads it in the source's zone"),
        Exception(fixture: "dates-zoneless.xml", field: "dates[2]", reason:
            "feedparser misreads '2022年01月14日 01:01' as 2022-11-01; feedsmith reads Chinese dates (in the source's zone)"),
        Exception(fixture: "dates-zoneless.xml", field: "dates[3]", reason:
            "feedparser misreads '2022/01/14 01:01' as 2022-11-01"),
        Exception(fixture: "dates-zoneless.xml", field: "dates[4]", reason:
            "feedparser reads no RFC 822 date without a zone; feedsmith reads it in the source's zone"),
        Exception(fixture: "dates-zoneless.xml", field: "dates[5]", reason:
            "feedparser misreads '2022年01月14日 01时01分10秒' as 2022-11-01"),
        Exception(fixture: "gbk.xml", field: "dates[0]", reason:
            "feedparser misreads '2022年01月14日 01:01' as 2022-11-01"),
        Exception(fixture: "utf8-declared-gbk.xml", field: "dates[0]", reason:
            "feedparser misreads '2022年01月14日 01:01' as 2022-11-01"),
        Exception(fixture: "ns-dublin-core.xml", field: "dates[1]", reason:
            "with both pubDate and dc:date, feedparser files dc:date under updated; feedsmith reads "
            + "dc:date as another published date, so the first readable one (pubDate) wins and updated stays empty"),
        Exception(fixture: "feedburner.xml", field: "link[0]", reason:
            "DESIGN.md chooses feedburner:origLink first; feedparser's link is the feedproxy redirect "
            + "(it keeps origLink in feedburner_origlink)"),
        Exception(fixture: "gbk-declared-utf8.xml", field: "title", reason:
            "GBK bytes declared UTF-8: feedparser falls back to windows-1252 and shows mojibake; "
            + "feedsmith tries GB18030 first (XMLInput.chooseEncoding)"),
        Exception(fixture: "gbk-no-declaration.xml", field: "title", reason:
            "GBK bytes with no XML declaration: feedparser reads windows-1252 mojibake; feedsmith tries GB18030 first"),
        Exception(fixture: "gbk-no-encoding.xml", field: "title", reason:
            "GBK bytes with no encoding in the declaration: feedparser reads windows-1252 mojibake; feedsmith tries GB18030 first"),
        Exception(fixture: "utf8-declared-utf16.xml", field: "count", reason:
            "UTF-8 bytes declared utf-16 without a BOM: feedparser believes the declaration and reads "
            + "no entries; feedsmith reads the bytes as UTF-8 with a warning"),
        Exception(fixture: "hostile-content.xml", field: "title[0]", reason:
            "feedsmith treats an RSS title as HTML (so the entity-escaped <script> is dropped); feedparser "
            + "calls it text/plain and keeps the markup as characters"),
        Exception(fixture: "html-entities.xml", field: "link[0]", reason:
            "feedparser expands the bare '&lang' of '?id=5&lang=en' into U+2329 '〈', breaking the URL; "
            + "feedsmith treats an '&' not closed by ';' as a literal ampersand"),
        Exception(fixture: "html-entities.xml", field: "title[1]", reason:
            "'&amp Co' without ';' is no reference in XML: feedsmith keeps '&amp' as text, feedparser "
            + "decodes it as a browser would"),
        Exception(fixture: "truncated.xml", field: "count", reason:
            "feedsmith drops the item cut off by the truncation (its end tag never comes); feedparser keeps the fragment"),
        Exception(fixture: "xxe.xml", field: "title[0]", reason:
            "neither reads the external entity; feedparser keeps the reference '&x;' as text, feedsmith drops it"),
        Exception(fixture: "xxe-external-dtd.xml", field: "title[0]", reason:
            "neither reads the external entity; feedparser keeps '&secret;' as text, feedsmith drops it"),
        Exception(fixture: "control-characters.xml", field: "title", reason:
            "feedparser keeps the C0 controls and U+FFFE that XML forbids (raw and as references); "
            + "feedsmith drops them (XMLInput.dropControlCharacters), since no XML feed can carry them"),
        Exception(fixture: "undeclared-8bit.xml", field: "title", reason:
            "undeclared 8-bit bytes that are neither GB18030 nor windows-1252: feedparser guesses "
            + "windows-1250 ('à' becomes 'ŕ'); feedsmith falls back to ISO-8859-1, which decodes every byte"),
    ]

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
