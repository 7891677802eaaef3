import FeedModel
import Foundation
@testable import FeedParsing

/// The fixture corpus: every feed file in `Fixtures/` (not the helper scripts, not `expected/`),
/// and for each `NAME.EXT` its expected parse in `Fixtures/expected/NAME.json`.
enum FixtureCorpus {
    /// `Fixtures/` as the test bundle holds it.
    static var bundleFolder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    /// `Fixtures/` in the source tree, where `RECORD_EXPECTED=1` writes.
    static func sourceFolder(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// The fixture file names, sorted.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: bundleFolder.path)) ?? []
        return files.filter { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: bundleFolder.appendingPathComponent(name).path,
                                           isDirectory: &isFolder)
            return !isFolder.boolValue && !name.hasSuffix(".py") && !name.hasPrefix(".")
        }.sorted()
    }()

    static func url(of name: String) -> URL { bundleFolder.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(of: name)) }

    /// `expected/NAME.json` for fixture `NAME.EXT`.
    static func expectedName(_ name: String) -> String {
        "expected/" + (name as NSString).deletingPathExtension + ".json"
    }

    /// The expected object of `name` from `folder` (the bundle unless recording, which reads
    /// the source tree so hand edits are kept), or nil when it has none yet.
    static func expected(_ name: String, in folder: URL = bundleFolder) throws -> [String: Any]? {
        let file = folder.appendingPathComponent(expectedName(name))
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// How the fixture is parsed: its expected file's `parse_options`.
    static func input(_ name: String) throws -> FixtureInput {
        FixtureInput(try expected(name)?["parse_options"] as? [String: Any] ?? [:])
    }

    /// Parses fixture `name` as its expected file says to.
    static func parse(_ name: String) throws -> Result<ParsedFeed, FeedParseError> {
        let input = try input(name)
        let bytes = try data(name)
        return Result { () throws(FeedParseError) in
            try FeedParser(options: input.options).parse(bytes, url: input.url, contentType: input.contentType)
        }
    }
}

/// The caller's side of a parse: where the feed came from and the options for its source.
/// Written in the expected file as `"parse_options": {"url", "content_type", "time_zone",
/// "max_bytes", "max_depth"}`, all optional.
struct FixtureInput {
    var url: String?
    var contentType: String?
    var options = ParseOptions()

    init(_ json: [String: Any]) {
        url = json["url"] as? String
        contentType = json["content_type"] as? String
        if let zone = json["time_zone"] as? String, let timeZone = TimeZone(identifier: zone) {
            options.timeZone = timeZone
        }
        if let bytes = json["max_bytes"] as? Int { options.maxBytes = bytes }
        if let depth = json["max_depth"] as? Int { options.maxDepth = depth }
    }
}
