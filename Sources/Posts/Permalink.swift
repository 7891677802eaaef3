import Foundation
import FeedModel

/// Jekyll's permalink patterns: `/:categories/:year/:month/:day/:title.html` and friends.
struct Permalink: Sendable {
    var pattern: String
    /// The pattern cut at its placeholders, once, when every `:` in it starts one.
    private var pieces: [Piece]?

    private enum Piece: Sendable {
        case literal(String)
        case placeholder(Int)
    }

    /// Jekyll fills placeholders one name after another, in this order.
    private static let names = [
        ":categories", ":output_ext", ":short_year", ":year", ":i_month", ":month", ":i_day", ":y_day", ":day",
        ":hour", ":minute", ":second", ":title", ":slug",
    ]

    init(_ pattern: String) {
        switch pattern {
        case "date": self.pattern = "/:categories/:year/:month/:day/:title:output_ext"
        case "pretty": self.pattern = "/:categories/:year/:month/:day/:title/"
        case "ordinal": self.pattern = "/:categories/:year/:y_day/:title:output_ext"
        case "none": self.pattern = "/:categories/:title:output_ext"
        default: self.pattern = pattern
        }
        pieces = Permalink.cut(self.pattern)
    }

    /// The path of a post: placeholders filled, categories lower-cased as Jekyll does, empty
    /// segments removed, and characters outside a URL path percent-encoded.
    /// `oneNameAtATime` takes Jekyll's road for every post, without the fast paths (the tests
    /// compare the two).
    func path(slug: String, categories: [String], date: CivilTime, oneNameAtATime: Bool = false) -> String {
        var seen = Set<String>()
        let lowered = categories.map { $0.lowercased() }.filter { seen.insert($0).inserted }
        func value(_ index: Int) -> String {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            switch index {
            case 0: return lowered.joined(separator: "/")
            case 1: return ".html"
            case 2: return two(date.year % 100)
            case 3: return String(date.year)
            case 4: return String(date.month)
            case 5: return two(date.month)
            case 6: return String(date.day)
            case 7:
                let day = CivilTime.daysFromCivil(year: date.year, month: date.month, day: date.day)
                    - CivilTime.daysFromCivil(year: date.year, month: 1, day: 1) + 1
                return day < 10 ? "00\(day)" : day < 100 ? "0\(day)" : "\(day)"
            case 8: return two(date.day)
            case 9: return two(date.hour)
            case 10: return two(date.minute)
            case 11: return two(date.second)
            default: return slug
            }
        }
        var path: String
        // A value holding `:` could form a placeholder Jekyll's one-name-at-a-time filling
        // would fill again; those (rare) posts take the same road as Jekyll.
        let colon = UInt8(ascii: ":")
        if let pieces, !oneNameAtATime, !slug.utf8.contains(colon), !lowered.contains(where: { $0.utf8.contains(colon) }) {
            path = ""
            for piece in pieces {
                switch piece {
                case .literal(let text): path += text
                case .placeholder(let index): path += value(index)
                }
            }
        } else {
            path = pattern
            for (index, placeholder) in Permalink.names.enumerated() {
                path = path.replacingOccurrences(of: placeholder, with: value(index))
            }
        }
        // Nearly every path is already clean: one slash first, no empty segments, nothing to escape.
        if !oneNameAtATime, path.utf8.first == UInt8(ascii: "/"), Permalink.isClean(path) { return path }
        let trailingSlash = path.hasSuffix("/")
        let segments = path.split(separator: "/").map { Permalink.escape($0) }
        return "/" + segments.joined(separator: "/") + (trailingSlash && !segments.isEmpty ? "/" : "")
    }

    /// Percent-encodes what a path segment may not hold literally, as UTF-8 (as Jekyll's
    /// Addressable does), leaving existing escapes alone.
    static func escape(_ segment: some StringProtocol) -> String {
        if segment.utf8.allSatisfy({ allowed[Int($0)] }) { return String(segment) }
        var out = [UInt8]()
        out.reserveCapacity(segment.utf8.count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in segment.utf8 {
            if allowed[Int(byte)] {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// No empty segment (`//`) and every byte allowed literally: splitting, escaping and
    /// joining would give the path back unchanged.
    private static func isClean(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/") { return false }
            if byte != UInt8(ascii: "/") && !allowed[Int(byte)] { return false }
            previous = byte
        }
        return true
    }

    private static let allowed: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@%".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()

    /// The pattern as literals and placeholders, or nil when some `:` starts no placeholder
    /// (then only filling names one at a time, as Jekyll does, gives Jekyll's result).
    private static func cut(_ pattern: String) -> [Piece]? {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(pattern)
        while let first = rest.first {
            guard first == ":" else {
                literal.append(first)
                rest = rest.dropFirst()
                continue
            }
            // Jekyll fills `:categories` before `:output_ext` …; at one position the first
            // name in that order that matches is the one Jekyll would fill.
            guard let index = names.firstIndex(where: { rest.hasPrefix($0) }) else { return nil }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(.placeholder(index))
            rest = rest.dropFirst(names[index].count)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }
}
