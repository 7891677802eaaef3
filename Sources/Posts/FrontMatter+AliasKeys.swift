/// Yams checks every mapping for duplicate keys by hashing the keys, and an alias key is hashed
/// as its whole anchored value, shared parts again each time they are shared. Ten lines of
/// nested aliases with one of them used as a key made a 542-byte post take minutes (a fuzzer
/// finding, `Fixtures/fuzz/yaml-alias-key-bomb.md`). Front matter never needs an alias as a
/// key, so such front matter is refused before Yams reads it. The scan errs on the side of
/// refusing: a key that might hold an alias counts.
extension FrontMatter {
    /// The first alias (`*name`) that stands in a key, and its line in the file (the YAML's
    /// first line is `firstLine`): in an implicit key (`*a: x`, `[*a, *b]: x`, `{*a: x}`) or
    /// anywhere once an explicit key (`? `) appears.
    static func aliasInKey(_ yaml: Substring.UTF8View, firstLine: Int) -> (name: String, line: Int)? {
        let bytes = Array(yaml)
        var line = firstLine
        var index = 0
        /// For each open `[` or `{`: the first alias inside it, if any.
        var flows: [(name: String, line: Int)?] = []
        var lastAlias: (name: String, line: Int)?
        var hasExplicitKey = false
        /// Whether a node may start here (a quote then opens a quoted scalar, `*` an alias).
        var atNodeStart = true
        func isBlank(_ offset: Int) -> Bool {
            offset >= bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset])
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                line += 1
                // An implicit key ends at its line: an alias seen on this line is a value.
                if flows.isEmpty { lastAlias = nil }
                atNodeStart = true
            case 0x20, 0x09, 0x0D:
                break
            case UInt8(ascii: "#") where index == 0 || isBlank(index - 1):
                while index + 1 < bytes.count, bytes[index + 1] != 0x0A { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // A quoted scalar, when a node starts here: skipped whole (`''` and `\"` stay
                // inside it); a quote inside a plain scalar is a character.
                guard atNodeStart else { break }
                index += 1
                while index < bytes.count {
                    if bytes[index] == 0x0A { line += 1 }
                    if byte == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") {
                        index += 2
                        continue
                    }
                    if bytes[index] == byte {
                        if byte == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == byte {
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                atNodeStart = false
            case UInt8(ascii: "*"):
                guard atNodeStart else { break }
                var end = index + 1
                while end < bytes.count, isAnchorByte(bytes[end]) { end += 1 }
                let alias = (name: String(decoding: bytes[(index + 1)..<end], as: UTF8.self), line: line)
                if hasExplicitKey { return alias }
                lastAlias = alias
                if let open = flows.indices.last, flows[open] == nil { flows[open] = alias }
                index = end - 1
                atNodeStart = false
            case UInt8(ascii: "&"), UInt8(ascii: "!"):
                // An anchor or a tag: the node itself comes after it.
                guard atNodeStart else { break }
                while index + 1 < bytes.count, !isBlank(index + 1) { index += 1 }
            case UInt8(ascii: "?") where atNodeStart && isBlank(index + 1):
                hasExplicitKey = true
                if let lastAlias { return lastAlias }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flows.append(nil)
                atNodeStart = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                // A collection that held an alias and is itself a key: `[*a]: x`.
                let held = flows.popLast() ?? nil
                var next = index + 1
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                if let held, next < bytes.count, bytes[next] == UInt8(ascii: ":"), isKeyColon(bytes, next) {
                    return held
                }
                if let held, let outer = flows.indices.last, flows[outer] == nil { flows[outer] = held }
                lastAlias = nil
                atNodeStart = false
            case UInt8(ascii: ","):
                lastAlias = nil  // The alias before a comma is a whole entry.
                atNodeStart = true
            case UInt8(ascii: ":") where isKeyColon(bytes, index):
                if let lastAlias { return lastAlias }
                atNodeStart = true
            case UInt8(ascii: "-") where atNodeStart && isBlank(index + 1):
                atNodeStart = true
            default:
                atNodeStart = false
            }
            index += 1
        }
        return nil
    }

    /// libyaml's anchor and alias names: letters, digits, `_` and `-`.
    private static func isAnchorByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// A `:` that ends a key: followed by white space, the end, or a flow indicator.
    private static func isKeyColon(_ bytes: [UInt8], _ index: Int) -> Bool {
        let next = index + 1
        return next >= bytes.count || [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"),
                                       UInt8(ascii: "}")].contains(bytes[next])
    }
}
