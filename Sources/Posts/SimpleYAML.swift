/// A fast reader for the front matter nearly every post has: one `key: value` per line, the
/// value plain, quoted or a flow list (`[a, b]`). It reads bytes, not a YAML event stream: about
/// 5 µs a post where composing with Yams took about 140 µs (perf profiles of a 20,000-post
/// build), which matters at 100,000 posts. Anything it is not sure of (indentation, block lists, escapes, comments after a
/// value, anchors, tags, tabs, a repeated key) makes it decline, and Yams reads the front
/// matter instead; a test checks that whatever it accepts, Yams reads the same way.
enum SimpleYAML {
    /// The mapping of `yaml`, whose first line is file line `firstLine`; nil to decline.
    static func parse(_ yaml: Substring.UTF8View, firstLine: Int) -> [String: FrontMatterValue]? {
        var fields: [String: FrontMatterValue] = [:]
        var line = firstLine
        var start = yaml.startIndex
        while start < yaml.endIndex {
            let end = yaml[start...].firstIndex(of: newline) ?? yaml.endIndex
            defer {
                line += 1
                start = end < yaml.endIndex ? yaml.index(after: end) : end
            }
            let text = yaml[start..<end]
            guard let first = text.first, first != hash else {
                continue  // an empty line or a comment line
            }
            if text.allSatisfy({ $0 == space }) { continue }
            guard let (key, value) = entry(text, line: line), fields[key] == nil else { return nil }
            fields[key] = value
        }
        return fields
    }
}

private let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), hash = UInt8(ascii: "#")
private let colon = UInt8(ascii: ":"), comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
private let apostrophe = UInt8(ascii: "'"), open = UInt8(ascii: "["), close = UInt8(ascii: "]")

private extension SimpleYAML {
    typealias Bytes = Substring.UTF8View.SubSequence

    /// `key: value` at the start of a line, or nil.
    static func entry(_ text: Bytes, line: Int) -> (String, FrontMatterValue)? {
        guard let colonIndex = text.firstIndex(of: colon), colonIndex > text.startIndex else { return nil }
        let key = text[..<colonIndex]
        guard key.allSatisfy(isKeyByte), let firstKeyByte = key.first, !isDigit(firstKeyByte),
              firstKeyByte != UInt8(ascii: "-") else { return nil }
        let rest = text[text.index(after: colonIndex)...]
        if let after = rest.first, after != space { return nil }  // `a:b` is a plain scalar key, not ours
        guard !rest.contains(where: { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) else { return nil }
        guard isPrintable(rest), let value = self.value(trimmed(rest), line: line) else { return nil }
        return (String(decoding: key, as: UTF8.self), value)
    }

    static func value(_ text: Bytes, line: Int) -> FrontMatterValue? {
        guard let first = text.first else { return .scalar("", plain: true, line: line) }
        switch first {
        case quote, apostrophe:
            guard let (string, rest) = quoted(text), rest.isEmpty else { return nil }
            return .scalar(string, plain: false, line: line)
        case open:
            guard text.last == close else { return nil }
            return list(text.dropFirst().dropLast(), line: line)
        default:
            guard isPlain(text, inList: false) else { return nil }
            return .scalar(String(decoding: text, as: UTF8.self), plain: true, line: line)
        }
    }

    /// `[a, "b", 'c']` without nesting; an empty item is not ours.
    static func list(_ inside: Bytes, line: Int) -> FrontMatterValue? {
        var items: [FrontMatterValue] = []
        var rest = trimmed(inside)
        if rest.isEmpty { return .sequence([], line: line) }
        while true {
            guard let first = rest.first else { return nil }
            let itemText: Bytes
            if first == quote || first == apostrophe {
                guard let (string, after) = quoted(rest) else { return nil }
                items.append(.scalar(string, plain: false, line: line))
                itemText = after
            } else {
                let end = rest.firstIndex(of: comma) ?? rest.endIndex
                let item = trimmed(rest[..<end])
                guard !item.isEmpty, isPlain(item, inList: true) else { return nil }
                items.append(.scalar(String(decoding: item, as: UTF8.self), plain: true, line: line))
                itemText = rest[end...]
            }
            let after = trimmed(itemText)
            if after.isEmpty { return .sequence(items, line: line) }
            guard after.first == comma else { return nil }
            rest = trimmed(after.dropFirst())
        }
    }

    /// A quoted scalar at the start of `text` and what follows it. Double quotes without
    /// escapes, single quotes with `''`; anything else declines.
    static func quoted(_ text: Bytes) -> (String, Bytes)? {
        let mark = text.first!
        var bytes: [UInt8] = []
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let byte = text[index]
            if byte == mark {
                let next = text.index(after: index)
                if mark == apostrophe, next < text.endIndex, text[next] == apostrophe {
                    bytes.append(apostrophe)
                    index = text.index(after: next)
                    continue
                }
                return (String(decoding: bytes, as: UTF8.self), text[next...])
            }
            if byte == UInt8(ascii: "\\") && mark == quote { return nil }
            bytes.append(byte)
            index = text.index(after: index)
        }
        return nil
    }

    /// A plain scalar YAML reads as its own text: no indicator first, no `: ` or ` #` inside,
    /// no `:` at the end; in a list, none of `,[]{}`.
    static func isPlain(_ text: Bytes, inList: Bool) -> Bool {
        guard let first = text.first, !"-?:,[]{}#&*!|>'\"%@`".utf8.contains(first) else { return false }
        var previous = first
        for byte in text.dropFirst() {
            if byte == space && previous == colon { return false }
            if byte == hash && previous == space { return false }
            if inList && (byte == comma || byte == open || byte == close || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")) {
                return false
            }
            previous = byte
        }
        return previous != colon
    }

    /// libyaml refuses control characters and reads NEL, LS and PS as line breaks; a value
    /// holding any of them (or a BOM, U+FFFE, U+FFFF) is left to it.
    static func isPrintable(_ text: Bytes) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text {
            if byte < 0x20 || byte == 0x7F { return false }
            if previous == 0xC2 && byte < 0xA0 { return false }  // C1 controls and NEL
            if beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9) { return false }
            if beforePrevious == 0xEF && previous == 0xBB && byte == 0xBF { return false }
            if beforePrevious == 0xEF && previous == 0xBF && (byte == 0xBE || byte == 0xBF) { return false }
            (beforePrevious, previous) = (previous, byte)
        }
        return true
    }

    static func trimmed(_ text: Bytes) -> Bytes {
        var start = text.startIndex, end = text.endIndex
        while start < end, text[start] == space { start = text.index(after: start) }
        while end > start, text[text.index(before: end)] == space { end = text.index(before: end) }
        return text[start..<end]
    }

    static func isKeyByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
