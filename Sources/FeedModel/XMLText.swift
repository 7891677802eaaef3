/// Escaping shared by everything that writes markup: XML 1.0 allows only tab, newline, carriage
/// return and U+0020 and above (less the surrogates, U+FFFE and U+FFFF), so everything else is
/// dropped rather than written.
public enum XMLText {
    /// Whether XML 1.0 allows the scalar in a document.
    @inline(__always)
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20 { return v < 0xFFFE }  // Swift scalars are never surrogates
        return v == 0x9 || v == 0xA || v == 0xD
    }

    /// Escapes `&`, `<`, `>` (and `"` when `quotes`) and drops forbidden characters.
    public static func escape(_ text: some StringProtocol, quotes: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        append(text, to: &out, quotes: quotes)
        return out
    }

    /// Appends the escaped text to `out`.
    public static func append(_ text: some StringProtocol, to out: inout String, quotes: Bool = false) {
        var clean = true
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == 0xEF {
            clean = false
            break
        }
        if clean {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
    }

    /// Drops the characters XML 1.0 forbids, escaping nothing.
    public static func dropForbidden(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(out)
    }

    /// Collapses runs of white space (U+3000 and NBSP too) into one space and trims the ends.
    public static func collapsingSpace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else if isAllowed(scalar) {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}
