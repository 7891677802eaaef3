import FeedModel

/// A JSON value with ordered keys, written with two-space indentation: key order is part of
/// the output's bytes, so it must not depend on a dictionary.
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case number(Int64)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// The JSON text, pretty-printed, ending without a newline.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    func write(to out: inout String, indent: Int) {
        switch self {
        case .string(let value): JSONValue.appendString(value, to: &out)
        case .number(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += JSONValue.indentation(indent + 1)
                value.write(to: &out, indent: indent + 1)
                out += index + 1 < values.count ? ",\n" : "\n"
            }
            out += JSONValue.indentation(indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += JSONValue.indentation(indent + 1)
                JSONValue.appendString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += JSONValue.indentation(indent) + "}"
        }
    }

    /// Two spaces per level, made once for the usual depths.
    static func indentation(_ level: Int) -> String {
        level < indents.count ? indents[level] : String(repeating: "  ", count: level)
    }

    private static let indents = (0..<8).map { String(repeating: "  ", count: $0) }

    /// Two spaces per `level`, as bytes.
    static func appendIndentation(_ level: Int, to out: inout [UInt8]) {
        // A slice of one constant: appending a repeated element went byte by byte.
        let count = 2 * level
        guard count <= spaces.utf8CodeUnitCount else { out += repeatElement(0x20, count: count); return }
        spaces.withUTF8Buffer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// A constant in the binary: no array to retain and release at every line.
    private static var spaces: StaticString { "                                " }

    /// No `"`, `\\`, control character, U+2028 or U+2029 (`E2 80 A8`, `E2 80 A9`).
    static func needsNoEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        // Eight bytes at a time; a word holding a byte below 0x20, `"`, `\\` or 0xE2 (SWAR
        // zero-byte tests) is looked at byte by byte, then the scan goes on by words.
        func isEscaped(_ index: Int) -> Bool {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            return byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
        }
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // These tests are exact: a hit is a byte that needs an escape.
                if ByteWord.marksBelow(word, 0x20) | ByteWord.marks(word, 0x22) | ByteWord.marks(word, 0x5C) != 0 {
                    return false
                }
                // Only the 0xE2 leads need a look (Chinese quotes `“”` are E2 80 9C/9D).
                guard ByteWord.allMarked(ByteWord.marks(word, 0xE2), { !isEscaped(index + $0) }) else { return false }
                index += 8
            }
        }
        while index < count {
            if isEscaped(index) { return false }
            index += 1
        }
        return true
    }

    /// `value` as a JSON string literal, appended as UTF-8.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        // Checked and copied from one borrow of the bytes: `out += value.utf8` went through
        // the generic append, a retain and release of the string each time.
        let appended = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard needsNoEscape(bytes) else { return false }
            out.append(contentsOf: bytes)
            return true
        } ?? false
        if !appended {
            var text = ""
            appendEscaped(value, to: &text)
            out += text.utf8
        }
        out.append(0x22)
    }

    static func appendString(_ value: String, to out: inout String) {
        out += "\""
        // Most strings need no escape: append them whole.
        if value.utf8.withContiguousStorageIfAvailable(needsNoEscape) ?? false {
            out += value
        } else {
            appendEscaped(value, to: &out)
        }
        out += "\""
    }

    /// `value`'s characters, escaped as a JSON string literal needs them (no quotes).
    private static func appendEscaped(_ value: String, to out: inout String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Control characters, and the two separators JavaScript string literals reject.
            case "\u{0}"..."\u{1F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}

/// Builds objects while leaving out absent members.
struct JSONObject {
    private(set) var members: [(String, JSONValue)] = []

    mutating func set(_ key: String, _ value: String?) {
        if let value { members.append((key, .string(value))) }
    }

    mutating func set(_ key: String, _ value: JSONValue?) {
        if let value { members.append((key, value)) }
    }

    mutating func set(_ key: String, strings: [String]) {
        if !strings.isEmpty { members.append((key, .array(strings.map(JSONValue.string)))) }
    }

    var value: JSONValue { .object(members) }
}
