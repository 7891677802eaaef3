import Foundation
import FeedModel

/// Jekyll's permalink patterns: `/:categories/:year/:month/:day/:title.html` and friends.
struct Permalink {
    var pattern: String

    init(_ pattern: String) {
        switch pattern {
        case "date": self.pattern = "/:categories/:year/:month/:day/:title:output_ext"
        case "pretty": self.pattern = "/:categories/:year/:month/:day/:title/"
        case "ordinal": self.pattern = "/:categories/:year/:y_day/:title:output_ext"
        case "none": self.pattern = "/:categories/:title:output_ext"
        default: self.pattern = pattern
        }
    }

    /// The path of a post: placeholders filled, categories lower-cased as Jekyll does, empty
    /// segments removed, and characters outside a URL path percent-encoded.
    func path(slug: String, categories: [String], date: CivilTime) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var seen = Set<String>()
        let lowered = categories.map { $0.lowercased() }.filter { seen.insert($0).inserted }
        let dayOfYear = CivilTime.daysFromCivil(year: date.year, month: date.month, day: date.day)
            - CivilTime.daysFromCivil(year: date.year, month: 1, day: 1) + 1
        let values: [(String, String)] = [
            (":categories", lowered.joined(separator: "/")), (":output_ext", ".html"),
            (":short_year", two(date.year % 100)), (":year", String(date.year)),
            (":i_month", String(date.month)), (":month", two(date.month)),
            (":i_day", String(date.day)), (":y_day", String(format: "%03d", dayOfYear)), (":day", two(date.day)),
            (":hour", two(date.hour)), (":minute", two(date.minute)), (":second", two(date.second)),
            (":title", slug), (":slug", slug),
        ]
        var path = pattern
        for (placeholder, value) in values { path = path.replacingOccurrences(of: placeholder, with: value) }
        let trailingSlash = path.hasSuffix("/")
        let segments = path.split(separator: "/").map { Permalink.escape(String($0)) }
        return "/" + segments.joined(separator: "/") + (trailingSlash && !segments.isEmpty ? "/" : "")
    }

    /// Percent-encodes what a path segment may not hold literally, as UTF-8 (as Jekyll's
    /// Addressable does), leaving existing escapes alone.
    static func escape(_ segment: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@%".utf8)
        var out = ""
        for byte in segment.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
