/// Escaping shared by everything that writes markup: XML 1.0 allows only tab, newline, carriage
/// return and U+0020 and above (less the surrogates, U+FFFE and U+FFFF), so everything else is
/// dropped rather than written.
public enum XMLText {
    /// Whether XML 1.0 allows the scalar in a document.
    @inline(__always)
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Swift scalars are never surrogates; everything above U+FFFF (emoji, rare CJK) is allowed.
        if v >= 0x20 { return v != 0xFFFE && v != 0xFFFF }
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
        if text.utf8.withContiguousStorageIfAvailable(needsNoEscape) ?? false {
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

    /// Whether `bytes` has nothing to escape or drop: no `&<>"`, no control but tab and line
    /// breaks, no U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`).
    static func needsNoEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22: return false
            case 0x09, 0x0A, 0x0D: break
            case 0..<0x20: return false
            case 0xEF where index + 2 < count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                return false
            default: break
            }
            index += 1
        }
        return true
    }

    /// Drops the characters XML 1.0 forbids, escaping nothing.
    public static func dropForbidden(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(out)
    }

    /// `text` without the white space at its ends (Unicode white space, as Foundation's
    /// `.whitespacesAndNewlines`); nothing is copied when there is none.
    public static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        func isPlain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        if isPlain(first) && isPlain(last) { return text }
        let scalars = text.unicodeScalars
        // Text in other scripts: its first and last characters tell.
        if !isSpace(scalars.first!), !isSpace(scalars.last!) { return text }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    /// Whether UTF-8 `bytes` has no white space but single U+0020 between words and no
    /// character XML forbids.
    static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true
        let count = bytes.count
        /// One byte's verdict: false when the text is not in collapsed form.
        func accepts(_ index: Int) -> Bool {
            let byte = bytes[index]
            if byte == 0x20 {
                if previousSpace { return false }
                previousSpace = true
                return true
            }
            if byte < 0x20 || byte == 0x7F { return false }
            previousSpace = false
            guard byte >= 0xC2, byte <= 0xEF, index + 1 < count else { return true }
            let second = bytes[index + 1], third = index + 2 < count ? bytes[index + 2] : 0
            switch byte {
            case 0xC2 where second == 0x85 || second == 0xA0: return false  // NEL, NBSP
            case 0xE1 where second == 0x9A && third == 0x80: return false  // U+1680
            case 0xE2 where second == 0x80 && ((0x80...0x8A).contains(third)
                                                || third == 0xA8 || third == 0xA9 || third == 0xAF):
                return false  // U+2000-U+200A, U+2028, U+2029, U+202F
            case 0xE2 where second == 0x81 && third == 0x9F: return false  // U+205F
            case 0xE3 where second == 0x80 && third == 0x80: return false  // U+3000
            case 0xEF where second == 0xBF && third >= 0xBE: return false  // U+FFFE, U+FFFF
            default: return true
            }
        }
        // Words with no byte at or below 0x20, no DEL and none of the lead bytes above are
        // plain text: skipped eight bytes at a time (SWAR zero-byte tests).
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if ByteWord.marksBelow(word, 0x21) | ByteWord.marks(word, 0x7F) != 0 {
                    for offset in index..<(index + 8) where !accepts(offset) { return false }
                } else {
                    // No space in the word: only the lead bytes need a look (Chinese text
                    // has one in most words: `，` is EF BC 8C, `。` E3 80 82).
                    let leads = ByteWord.marks(word, 0xC2) | ByteWord.marks(word, 0xE1) | ByteWord.marks(word, 0xE2)
                        | ByteWord.marks(word, 0xE3) | ByteWord.marks(word, 0xEF)
                    guard ByteWord.allMarked(leads, { accepts(index + $0) }) else { return false }
                    previousSpace = false
                }
                index += 8
            }
        }
        while index < count {
            if !accepts(index) { return false }
            index += 1
        }
        return !previousSpace || count == 0
    }

    /// White space and line breaks: what `trimmed` removes and `collapsingSpace` collapses.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: true
        case 0..<0x80: false
        // Unicode's White_Space, spelled out: the property lookup is slow.
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Collapses runs of white space (U+3000 and NBSP too) into one space and trims the ends.
    public static func collapsingSpace(_ text: String) -> String {
        // Already collapsed (one space between words, none at the ends, nothing forbidden):
        // the common case for titles, returned without a copy.
        if text.utf8.withContiguousStorageIfAvailable(isCollapsed) == true { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
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
