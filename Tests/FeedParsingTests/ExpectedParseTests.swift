import Foundation
import Testing
@testable import FeedParsing

/// Each fixture's parse, field by field, against `Fixtures/expected/NAME.json`.
///
/// `RECORD_EXPECTED=1 swift test --filter ExpectedParseTests` rewrites the expected files in the
/// source tree, keeping their `parse_options`, `comment` and `known_differences`, and keeping the
/// hand-written value of every path listed in `known_differences` (the right value, which the
/// parser does not produce yet). The path `*` marks a result wrong as a whole (a feed returned
/// where an error is expected); such a file is never re-recorded. Each known difference carries
/// its reason and fails the test once the parser is fixed, so the entry gets removed. Read
/// every recorded file before committing it: a golden that records a bug is worse than none.
@Suite struct ExpectedParseTests {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_EXPECTED"] == "1" }

    @Test func everyFixtureHasAnExpectedFile() throws {
        #expect(FixtureCorpus.names.count >= 40)
        for name in FixtureCorpus.names where !Self.isRecording {
            #expect(try FixtureCorpus.expected(name) != nil,
                    "\(name) has no \(FixtureCorpus.expectedName(name)): run RECORD_EXPECTED=1 and read it")
        }
    }

    @Test(arguments: FixtureCorpus.names)
    func parseMatchesExpected(_ name: String) throws {
        let stored = try FixtureCorpus.expected(
            name, in: Self.isRecording ? FixtureCorpus.sourceFolder() : FixtureCorpus.bundleFolder)
        let actual: [String: Any]
        switch try FixtureCorpus.parse(name) {
        case .success(let feed): actual = ExpectedJSON.object(feed)
        case .failure(let error): actual = ExpectedJSON.object(error)
        }
        let known = stored?["known_differences"] as? [String: String] ?? [:]
        if Self.isRecording {
            try record(actual, over: stored, name: name)
            return
        }
        guard let stored else {
            Issue.record("\(name): no expected file (RECORD_EXPECTED=1 writes one; read it before committing)")
            return
        }
        for (path, reason) in known where reason.trimmingCharacters(in: .whitespaces).isEmpty {
            Issue.record("\(name): known difference \(path) gives no reason")
        }
        let differences = ExpectedJSON.differences(expected: stored, actual: actual)
        if let reason = known[Self.wholeResult], !differences.isEmpty {
            withKnownIssue("\(name): \(reason)") {
                Issue.record(Comment(rawValue: "\(name): " + differences.map(\.description).joined(separator: "; ")))
            }
            return
        }
        for difference in differences {
            if let reason = known[difference.path] {
                withKnownIssue("\(name): \(reason)") {
                    Issue.record("\(name): \(difference)")
                }
            } else {
                Issue.record("\(name): \(difference)")
            }
        }
        let differing = Set(differences.map(\.path) + (differences.isEmpty ? [] : [Self.wholeResult]))
        for path in known.keys.sorted() where !differing.contains(path) {
            Issue.record("\(name): known difference \(path) no longer differs; remove it from known_differences")
        }
    }

    /// The `known_differences` key for a result that is wrong as a whole (an error expected,
    /// a feed returned): the expected file is kept as written when re-recording.
    static let wholeResult = "*"

    func record(_ actual: [String: Any], over stored: [String: Any]?, name: String) throws {
        let known = stored?["known_differences"] as? [String: String] ?? [:]
        if known[Self.wholeResult] != nil { return }
        var object = actual
        for key in ExpectedJSON.metaKeys { object[key] = stored?[key] }
        for path in known.keys {
            if let stored, let kept = ExpectedJSON.value(at: path, in: stored) {
                ExpectedJSON.setValue(kept, at: path, in: &object)
            }
        }
        let file = FixtureCorpus.sourceFolder().appendingPathComponent(FixtureCorpus.expectedName(name))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(ExpectedJSON.text(object).utf8).write(to: file)
    }
}
