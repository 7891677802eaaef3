import Foundation
import FeedModel
import Yams

/// Typed access to front matter values; a value of the wrong type is an error naming its line.
struct FieldReader {
    let fields: [String: Node]
    let path: String

    /// The file line of a key's value (YAML lines start one below the opening `---`).
    func line(_ key: String) -> Int? {
        fields[key]?.mark.map { $0.line + 1 }
    }

    func fail(_ key: String, _ reason: String) -> PostError {
        PostError(path: path, line: line(key), reason: reason)
    }

    /// A scalar as text; nil when missing or null.
    func text(_ key: String) throws(PostError) -> String? {
        guard let node = fields[key], !isNull(node) else { return nil }
        guard let scalar = node.scalar else { throw fail(key, "'\(key)' must be text, not a \(kind(node))") }
        return scalar.string
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
        guard let node = fields[key], !isNull(node) else { return [] }
        if let scalar = node.scalar {
            guard split else { return [scalar.string.trimmingCharacters(in: .whitespaces)].filter { !$0.isEmpty } }
            return scalar.string.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        guard let sequence = node.sequence else { throw fail(key, "'\(key)' must be a list or a string") }
        var words: [String] = []
        for item in sequence where !isNull(item) {
            guard let scalar = item.scalar else { throw fail(key, "'\(key)' must hold only strings") }
            let word = scalar.string.trimmingCharacters(in: .whitespaces)
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
            guard let node = fields[key], !isNull(node) else { continue }
            let items = node.sequence.map(Array.init) ?? [node]
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
        guard let node = fields["image"], !isNull(node) else { return nil }
        let value = node.scalar?.string ?? node.mapping?["path"]?.string
        guard let value, let url = URLReference.resolve(value, against: base) else {
            throw fail("image", "'image' must be a URL or a mapping with a 'path'")
        }
        return url
    }
}

private extension FieldReader {
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func kind(_ node: Node) -> String {
        node.sequence != nil ? "list" : "mapping"
    }

    func author(_ node: Node) -> Author? {
        if let scalar = node.scalar { return Author(name: scalar.string) }
        guard let mapping = node.mapping else { return nil }
        let author = Author(name: mapping["name"]?.string, email: mapping["email"]?.string,
                            uri: mapping["uri"]?.string ?? mapping["url"]?.string)
        return author.name == nil && author.email == nil ? nil : author
    }
}
