import FeedModel
import Foundation
@testable import FeedParsing

/// The test side's own JSON form of a parse result, written with JSONSerialization (not
/// FeedWriting's writer, which is under test elsewhere), and the field-by-field comparison of
/// two such forms.
enum ExpectedJSON {
    /// Keys of an expected file that describe the fixture rather than the result.
    static let metaKeys: Set<String> = ["parse_options", "known_differences", "comment"]

    static func object(_ feed: ParsedFeed) -> [String: Any] {
        [
            "format": feed.format.rawValue,
            "title": feed.title,
            "link": feed.link ?? NSNull(),
            "feedURL": feed.feedURL ?? NSNull(),
            "language": feed.language ?? NSNull(),
            "warnings": feed.warnings,
            "articles": feed.articles.map(object),
        ]
    }

    static func object(_ article: Article) -> [String: Any] {
        [
            "canonicalURL": article.canonicalURL,
            "link": article.link ?? NSNull(),
            "title": article.title,
            "summary": article.summary ?? NSNull(),
            "contentHTML": article.contentHTML ?? NSNull(),
            "authors": article.authors.map { author -> [String: Any] in
                var out: [String: Any] = [:]
                out["name"] = author.name
                out["email"] = author.email
                out["uri"] = author.uri
                return out
            },
            "categories": article.categories.sorted(),
            "tags": article.tags.sorted(),
            "published": article.published.map(rfc3339) ?? NSNull(),
            "updated": article.updated.map(rfc3339) ?? NSNull(),
            "image": article.image ?? NSNull(),
            "enclosures": article.enclosures.map { enclosure -> [String: Any] in
                var out: [String: Any] = ["url": enclosure.url]
                out["type"] = enclosure.type
                out["length"] = enclosure.length
                return out
            },
        ]
    }

    static func object(_ error: FeedParseError) -> [String: Any] {
        ["error": ["reason": error.reason, "line": error.line ?? NSNull()] as [String: Any]]
    }

    /// `2022-01-14T01:01:10Z`, formatted by Foundation rather than by the code under test.
    static func rfc3339(_ instant: Instant) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(instant.secondsSince1970)))
    }

    /// Sorted-key JSON text, two spaces per level, empty arrays and objects as `[]` and `{}`
    /// (Foundation's pretty printer differs between platforms), with a final newline.
    static func text(_ value: Any) -> String {
        pretty(value, indent: "") + "\n"
    }

    private static func pretty(_ value: Any, indent: String) -> String {
        let inner = indent + "  "
        if let object = value as? [String: Any] {
            guard !object.isEmpty else { return "{}" }
            let members = object.keys.sorted().map { key in
                inner + compact(key) + ": " + pretty(object[key]!, indent: inner)
            }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        }
        if let array = value as? [Any] {
            guard !array.isEmpty else { return "[]" }
            return "[\n" + array.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "]"
        }
        return compact(value)
    }

    /// Compact sorted-key text of a JSON value, to compare values of any type.
    static func compact(_ value: Any?) -> String {
        guard let value else { return "<absent>" }
        let data = try! JSONSerialization.data(withJSONObject: value, options: [
            .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed,
        ])
        return String(decoding: data, as: UTF8.self)
    }

    /// One field that differs: its path (`articles[1].title`), the expected and actual values.
    struct Difference: CustomStringConvertible {
        var path: String
        var expected: String
        var actual: String
        var description: String { "\(path): expected \(expected), got \(actual)" }
    }

    /// The fields of `actual` that differ from `expected`. Warnings match when the counts agree
    /// and each expected warning is a substring of the actual one at its index; an error's
    /// reason is a substring of the actual reason and its line is equal.
    static func differences(expected: [String: Any], actual: [String: Any]) -> [Difference] {
        var out: [Difference] = []
        let keys = Set(expected.keys).union(actual.keys).subtracting(metaKeys).sorted()
        for key in keys {
            let want = expected[key], got = actual[key]
            switch key {
            case "warnings":
                let wanted = want as? [String] ?? [], gotten = got as? [String] ?? []
                if wanted.count != gotten.count
                    || zip(wanted, gotten).contains(where: { !$1.contains($0) }) {
                    out.append(Difference(path: key, expected: compact(want), actual: compact(got)))
                }
            case "error":
                let wanted = want as? [String: Any], gotten = got as? [String: Any]
                let reason = wanted?["reason"] as? String
                let matches = wanted != nil && gotten != nil
                    && (gotten?["reason"] as? String)?.contains(reason ?? "") == true
                    && compact(wanted?["line"]) == compact(gotten?["line"])
                if !matches { out.append(Difference(path: key, expected: compact(want), actual: compact(got))) }
            case "articles":
                let wanted = want as? [[String: Any]] ?? [], gotten = got as? [[String: Any]] ?? []
                if wanted.count != gotten.count {
                    out.append(Difference(path: "articles.count", expected: "\(wanted.count)", actual: "\(gotten.count)"))
                }
                for (index, (one, other)) in zip(wanted, gotten).enumerated() {
                    for field in Set(one.keys).union(other.keys).sorted()
                    where compact(one[field]) != compact(other[field]) {
                        out.append(Difference(path: "articles[\(index)].\(field)",
                                              expected: compact(one[field]), actual: compact(other[field])))
                    }
                }
            default:
                if compact(want) != compact(got) {
                    out.append(Difference(path: key, expected: compact(want), actual: compact(got)))
                }
            }
        }
        return out
    }

    /// The value at a difference path (`title`, `articles[2].contentHTML`), for keeping the
    /// hand-corrected value of a known difference when re-recording.
    static func value(at path: String, in object: [String: Any]) -> Any? {
        guard let (index, field) = articlePath(path) else { return object[path] }
        let articles = object["articles"] as? [[String: Any]] ?? []
        return index < articles.count ? articles[index][field] : nil
    }

    static func setValue(_ value: Any, at path: String, in object: inout [String: Any]) {
        guard let (index, field) = articlePath(path) else { object[path] = value; return }
        var articles = object["articles"] as? [[String: Any]] ?? []
        guard index < articles.count else { return }
        articles[index][field] = value
        object["articles"] = articles
    }

    private static func articlePath(_ path: String) -> (Int, String)? {
        guard path.hasPrefix("articles["), let close = path.firstIndex(of: "]"),
              let index = Int(path[path.index(path.startIndex, offsetBy: 9)..<close]) else { return nil }
        return (index, String(path[path.index(close, offsetBy: 2)...]))
    }
}
