import Glibc

/// The entity repairs: feeds written by HTML templates use `&nbsp;` and friends, which XML
/// does not define (WordPress themes, Discuz!, hand-made RSS 0.91), and bare `&` in URLs and
/// titles (`?a=1&b=2`, `Tom & Jerry`). Both are fatal errors to an XML parser.
extension XMLInput {
    /// The repaired document, or nil when nothing needs repair (then nothing is copied).
    mutating func replacingEntities(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.contains(UInt8(ascii: "&")) else { return nil }
        var out: [UInt8] = []
        var copied = 0  // bytes[..<copied] are in `out` once the first repair is made
        var changed = 0
        let declared = XMLInput.declaredEntities(bytes)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
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
        warnings.append("replaced \(changed) undefined entity reference\(changed == 1 ? "" : "s") or bare '&'")
        return out
    }
}

extension XMLInput {
    /// Cuts what follows the root's end tag: PHP notices and CMS footers printed after
    /// `</rss>` (WordPress plug-ins, Discuz!) make the whole document ill-formed.
    mutating func dropJunkAfterRoot() {
        for tag in ["</rss>", "</feed>", "</rdf:RDF>", "</RDF>"] {
            let closing = Array(tag.utf8)
            let kept: [UInt8]?? = data.withUnsafeBytes { bytes in
                guard let range = bytes.lastRange(of: closing) else { return .none }
                let junk = bytes[range.upperBound...].contains { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
                return .some(junk ? Array(bytes[..<range.upperBound]) : nil)
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

    static let sections: [([UInt8], [UInt8])] = [
        (Array("<![CDATA[".utf8), Array("]]>".utf8)), (Array("<!--".utf8), Array("-->".utf8)),
    ]
    static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// The replacement for the `&` at `index` (nil to keep it) and how many bytes it covers.
    static func repair(_ bytes: UnsafeRawBufferPointer, at index: Int, declared: Set<String>) -> ([UInt8]?, Int) {
        var end = index + 1
        if end < bytes.count, bytes[end] == UInt8(ascii: "#") {
            end += 1
            while end < bytes.count, end - index < 12, isNameByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 2 {
                return (nil, end + 1 - index)
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
