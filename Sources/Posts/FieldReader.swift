import Foundation
import FeedModel

/// Typed access to front matter values; a value of the wrong type is an error naming its line.
struct FieldReader {
    let fields: [String: FrontMatterValue]
    let path: String

    /// The file line of a key's value.
    func line(_ key: String) -> Int? {
        fields[key]?.line
    }

    func fail(_ key: String, _ reason: String) -> PostError {
        PostError(path: path, line: line(key), reason: reason)
    }

    /// A scalar as text; nil when missing or null.
    func text(_ key: String) throws(PostError) -> String? {
        guard let node = fields[key], !node.isNull else { return nil }
        guard let text = node.string else { throw fail(key, "'\(key)' must be text, not a \(kind(node))") }
        return text
    }

    func bool(_ key: String) throws(PostError) -> Bool? {
        guard let value = try text(key) else { return nil }
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(key, "'\(key)' must be true or false, not '\(value)'")
        }
    }

    func date(_ key: String, timeZone: TimeZone) throws(PostError) -> Instant? {
        guard let value = try text(key) else { return nil }
        guard let instant = JekyllDate.parse(value, timeZone: timeZone) else {
            throw fail(key, "cannot read '\(value)' in '\(key)' as a date (expected YYYY-MM-DD HH:MM:SS +0800)")
        }
        return instant
    }

    /// A YAML list, or a string of space-separated words (Jekyll's rule for `categories` and
    /// `tags`); with `split: false` a string is one value (`category: Central Banks`, `tag`).
    func words(_ key: String, split: Bool = true) throws(PostError) -> [String] {
        guard let node = fields[key], !node.isNull else { return [] }
        if let text = node.string {
            guard split else { return [text.trimmingSpaces()].filter { !$0.isEmpty } }
            return text.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        guard let sequence = node.sequence else { throw fail(key, "'\(key)' must be a list or a string") }
        var words: [String] = []
        for item in sequence where !item.isNull {
            guard let text = item.string else { throw fail(key, "'\(key)' must hold only strings") }
            let word = text.trimmingSpaces()
            if !word.isEmpty { words.append(word) }
        }
        return words
    }

    func url(_ key: String, base: String) throws(PostError) -> String? {
        guard let value = try text(key) else { return nil }
        guard let resolved = URLReference.resolve(value, against: base) else {
            throw fail(key, "'\(value)' in '\(key)' is not a URL")
        }
        return resolved
    }

    /// `author: name`, `author: {name, email, uri}`, or `authors: [...]` of either.
    func authors() throws(PostError) -> [Author] {
        var result: [Author] = []
        for key in ["author", "authors"] {
            guard let node = fields[key], !node.isNull else { continue }
            let items = node.sequence ?? [node]
            for item in items {
                guard let author = author(item) else {
                    throw fail(key, "'\(key)' must be a name or a mapping with name, email and uri")
                }
                result.append(author)
            }
        }
        return result
    }

    /// `image: path` or `image: {path: …}`, made absolute.
    func image(base: String) throws(PostError) -> String? {
        guard let node = fields["image"], !node.isNull else { return nil }
        let value = node.string ?? node["path"]?.string
        guard let value, let url = URLReference.resolve(value, against: base) else {
            throw fail("image", "'image' must be a URL or a mapping with a 'path'")
        }
        return url
    }
}

private extension FieldReader {
    func kind(_ node: FrontMatterValue) -> String {
        node.sequence != nil ? "list" : "mapping"
    }

    func author(_ node: FrontMatterValue) -> Author? {
        if let text = node.string { return Author(name: text) }
        guard node.mapping != nil else { return nil }
        let author = Author(name: node["name"]?.string, email: node["email"]?.string,
                            uri: node["uri"]?.string ?? node["url"]?.string)
        return author.name == nil && author.email == nil ? nil : author
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (Foundation's `.whitespaces`: the Unicode
    /// space separators and tab), without Foundation: this runs for every category of every post.
    func trimmingSpaces() -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return self }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
              let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
