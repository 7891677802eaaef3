import FeedModel
import Glibc

/// The entity repairs: feeds written by HTML templates use `&nbsp;` and friends, which XML
/// does not define (WordPress themes, Discuz!, hand-made RSS 0.91), and bare `&` in URLs and
/// titles (`?a=1&b=2`, `Tom & Jerry`). Both are fatal errors to an XML parser.
extension XMLInput {
    /// The repaired document and the number of repairs, or nil when nothing needs repair
    /// (then nothing is copied).
    static func replacingEntities(_ bytes: UnsafeRawBufferPointer, releasing: Bool = false) -> ([UInt8], Int)? {
        var pages = PageReleaser(bytes, isEnabled: releasing)
        defer { pages.release(upTo: bytes.count) }
        var out: [UInt8] = []
        var copied = 0  // bytes[..<copied] are in `out` once the first repair is made
        var changed = 0
        let declared = XMLInput.declaredEntities(bytes)
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight bytes at a time while none is `<` or `&` (SWAR zero-byte tests).
            if index + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !XMLInput.hasByte(word, 0x3C), !XMLInput.hasByte(word, 0x26) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                pages.passed(index)
                index = XMLInput.skippedSection(bytes, at: index) ?? index + 1
                continue
            }
            guard byte == UInt8(ascii: "&") else { index += 1; continue }
            let (replacement, length) = XMLInput.repair(bytes, at: index, declared: declared)
            if let replacement {
                if changed == 0 { out.reserveCapacity(count + 64) }
                out += bytes[copied..<index]
                out += replacement
                copied = index + length
                changed += 1
            }
            index += length
        }
        guard changed > 0 else { return nil }
        out += bytes[copied...]
        return (out, changed)
    }
}

extension XMLInput {
    /// C0 controls other than tab, LF and CR are forbidden in XML 1.0, and one of them, raw or
    /// as `&#8;`, is a fatal error that loses the whole feed. CMS text pasted from Word or Excel
    /// carries them (backspace, vertical tab, unit separator). No multibyte sequence of an
    /// ASCII-compatible encoding (UTF-8, GBK, GB18030, Big5) has a byte below 0x20.
    /// Drops the C0 controls XML forbids (a stray backspace would lose the whole feed); a
    /// copy is made only when there is one.
    mutating func dropControlCharacters() {
        let current = data
        let mapped = isMapped
        let kept: [UInt8]? = current.withUnsafeBytes { bytes in
            var pages = PageReleaser(bytes, isEnabled: mapped)
            defer { pages.release(upTo: bytes.count) }
            guard XMLInput.firstForbiddenControl(bytes, pages: &pages) != nil else { return nil }
            return bytes.filter { !XMLInput.isForbiddenControl($0) }
        }
        guard let kept else { return }
        let dropped = data.count - kept.count
        replace(with: kept)
        warnings.append("dropped \(dropped) control character\(dropped == 1 ? "" : "s") XML forbids")
    }

    /// The offset of the first C0 control XML forbids, eight bytes at a time while no byte of
    /// a word is below 0x20 (SWAR: (w - 0x20…) & ~w & 0x80… is non-zero iff one is).
    static func firstForbiddenControl(_ bytes: UnsafeRawBufferPointer, pages: inout PageReleaser) -> Int? {
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 {
                for index in offset..<(offset + 8) where isForbiddenControl(bytes[index]) { return index }
            }
            offset += 8
            if offset & 0xFFFF == 0 { pages.passed(offset) }
        }
        for index in offset..<count where isForbiddenControl(bytes[index]) { return index }
        return nil
    }

    /// Whether the document has a DOCTYPE (looked for where `declaredEntities` looks).
    static func hasDoctype(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstRange(of: Array("<!DOCTYPE".utf8), in: bytes.prefix(65_536)) != nil
    }

    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// Cuts what follows the root's end tag: PHP notices and CMS footers printed after
    /// `</rss>` (WordPress plug-ins, Discuz!) make the whole document ill-formed.
    mutating func dropJunkAfterRoot() {
        for tag in ["</rss>", "</feed>", "</rdf:RDF>", "</RDF>"] {
            let closing = Array(tag.utf8)
            let kept: [UInt8]?? = data.withUnsafeBytes { bytes in
                guard let end = XMLInput.lastEnd(of: closing, in: bytes) else { return .none }
                let junk = bytes[end...].contains { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
                return .some(junk ? Array(bytes[..<end]) : nil)
            }
            guard let found = kept else { continue }
            if let trimmed = found {
                replace(with: trimmed)
                warnings.append("junk after the root element \(tag) ignored")
            }
            return
        }
    }
}

private extension XMLInput {
    /// The first occurrence of `pattern` in `bytes`, found with memchr (Foundation's generic
    /// search is slow on raw buffers).
    static func firstRange(of pattern: [UInt8], in bytes: Slice<UnsafeRawBufferPointer>) -> Range<Int>? {
        guard let base = bytes.base.baseAddress, let first = pattern.first else { return nil }
        var start = bytes.startIndex
        while bytes.endIndex - start >= pattern.count {
            guard let hit = memchr(base + start, Int32(first), bytes.endIndex - start) else { return nil }
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if offset + pattern.count <= bytes.endIndex,
               bytes.base[offset..<(offset + pattern.count)].elementsEqual(pattern) {
                return offset..<(offset + pattern.count)
            }
            start = offset + 1
        }
        return nil
    }

    /// The end of the last occurrence of `pattern` in `bytes`.
    static func lastEnd(of pattern: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        var start = bytes.count - pattern.count
        while start >= 0 {
            if bytes[start] == pattern[0], bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
                return start + pattern.count
            }
            start -= 1
        }
        return nil
    }

    static let sections: [([UInt8], [UInt8])] = [
        (Array("<![CDATA[".utf8), Array("]]>".utf8)), (Array("<!--".utf8), Array("-->".utf8)),
    ]
    static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// Whether one of the eight bytes of `word` is `byte`.
    @inline(__always)
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        ByteWord.marks(word, byte) != 0
    }

    /// The replacement for the `&` at `index` (nil to keep it) and how many bytes it covers.
    static func repair(_ bytes: UnsafeRawBufferPointer, at index: Int, declared: Set<String>) -> ([UInt8]?, Int) {
        // `&lt;`, `&gt;` and `&amp;`, nearly every reference in escaped HTML, without a String.
        if index + 4 < bytes.count, bytes[index + 3] == UInt8(ascii: ";"),
           bytes[index + 2] == UInt8(ascii: "t"), bytes[index + 1] == UInt8(ascii: "l") || bytes[index + 1] == UInt8(ascii: "g") {
            return (nil, 4)
        }
        if index + 5 < bytes.count, bytes[index + 1] == UInt8(ascii: "a"), bytes[index + 2] == UInt8(ascii: "m"),
           bytes[index + 3] == UInt8(ascii: "p"), bytes[index + 4] == UInt8(ascii: ";") {
            return (nil, 5)
        }
        var end = index + 1
        if end < bytes.count, bytes[end] == UInt8(ascii: "#") {
            end += 1
            while end < bytes.count, end - index < 12, isNameByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 2 {
                // `&#8;`, `&#xFFFE;`: a reference to a character XML forbids is dropped.
                return (isAllowedReference(bytes, index + 2, end) ? nil : [], end + 1 - index)
            }
            return (Array("&amp;".utf8), 1)
        }
        while end < bytes.count, end - index < 40, isNameByte(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 1 else {
            return (Array("&amp;".utf8), 1)
        }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        if XMLInput.xmlEntities.contains(name) || declared.contains(name) {
            return (nil, end + 1 - index)
        }
        if let code = HTMLEntities.codePoints[name] {
            return (Array("&#\(code);".utf8), end + 1 - index)
        }
        return (Array("&amp;".utf8), 1)  // `&foo;` that nothing defines: keep it as text.
    }

    /// Whether the digits of `&#…;` between `start` and `end` name a character XML 1.0 allows.
    static func isAllowedReference(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let value = text.first == "x" || text.first == "X" ? UInt32(text.dropFirst(), radix: 16) : UInt32(text)
        guard let value else { return true }  // Not a number: libxml2 reports it as it is.
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
             UInt8(ascii: "."), UInt8(ascii: ":"): true
        default: false
        }
    }

    /// The end of a CDATA section or comment starting at `index`, whose `&` are literal.
    static func skippedSection(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "!") else { return nil }
        for (open, close) in sections where bytes[index...].starts(with: open) {
            return firstRange(of: close, in: bytes[(index + open.count)...])?.upperBound ?? bytes.count
        }
        return nil
    }

    /// Entity names the internal DTD subset declares (`<!ENTITY name ...>`): left alone.
    static func declaredEntities(_ bytes: UnsafeRawBufferPointer) -> Set<String> {
        let head = bytes.prefix(65_536)
        guard let doctype = firstRange(of: Array("<!DOCTYPE".utf8), in: head) else { return [] }
        var names: Set<String> = []
        var cursor = doctype.upperBound
        let marker = Array("<!ENTITY".utf8)
        while let found = firstRange(of: marker, in: head[cursor...]) {
            var start = found.upperBound
            while start < head.endIndex, head[start] == 0x20 || head[start] == UInt8(ascii: "%") { start += 1 }
            var end = start
            while end < head.endIndex, isNameByte(head[end]) { end += 1 }
            names.insert(String(decoding: head[start..<end], as: UTF8.self))
            cursor = end
        }
        return names
    }
}
