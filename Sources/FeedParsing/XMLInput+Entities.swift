/// The entity repairs: feeds written by HTML templates use `&nbsp;` and friends, which XML
/// does not define (WordPress themes, Discuz!, hand-made RSS 0.91), and bare `&` in URLs and
/// titles (`?a=1&b=2`, `Tom & Jerry`). Both are fatal errors to an XML parser.
extension XMLInput {
    mutating func replaceEntities() {
        dropControlCharacters()
        guard bytes.contains(UInt8(ascii: "&")) else { return }
        var out: [UInt8] = []
        var changed = 0
        let declared = declaredEntities()
        var index = 0
        let count = bytes.count
        out.reserveCapacity(count + 64)
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), let end = skippedSection(at: index) {
                out += bytes[index..<end]
                index = end
                continue
            }
            guard byte == UInt8(ascii: "&") else { out.append(byte); index += 1; continue }
            let (replacement, length) = repair(at: index, declared: declared)
            if let replacement {
                out += replacement
                changed += 1
            } else {
                out += bytes[index..<(index + length)]
            }
            index += length
        }
        guard changed > 0 else { return }
        bytes = out
        warnings.append("replaced \(changed) undefined entity reference\(changed == 1 ? "" : "s") or bare '&'")
    }
}

extension XMLInput {
    /// C0 controls other than tab, LF and CR are forbidden in XML 1.0, and one of them, raw or
    /// as `&#8;`, is a fatal error that loses the whole feed. CMS text pasted from Word or Excel
    /// carries them (backspace, vertical tab, unit separator). No multibyte sequence of an
    /// ASCII-compatible encoding (UTF-8, GBK, GB18030, Big5) has a byte below 0x20.
    mutating func dropControlCharacters() {
        let dropped = bytes.count(where: XMLInput.isForbiddenControl)
        guard dropped > 0 else { return }
        bytes.removeAll(where: XMLInput.isForbiddenControl)
        warnings.append("dropped \(dropped) control character\(dropped == 1 ? "" : "s") XML forbids")
    }

    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// Cuts what follows the root's end tag: PHP notices and CMS footers printed after
    /// `</rss>` (WordPress plug-ins, Discuz!) make the whole document ill-formed.
    mutating func dropJunkAfterRoot() {
        for tag in ["</rss>", "</feed>", "</rdf:RDF>", "</RDF>"] {
            let closing = Array(tag.utf8)
            guard let range = bytes.lastRange(of: closing) else { continue }
            if bytes[range.upperBound...].contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                bytes.removeSubrange(range.upperBound...)
                warnings.append("junk after the root element \(tag) ignored")
            }
            return
        }
    }
}

private extension XMLInput {
    static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// The replacement for the `&` at `index` (nil to keep it) and how many bytes it covers.
    func repair(at index: Int, declared: Set<String>) -> ([UInt8]?, Int) {
        var end = index + 1
        if end < bytes.count, bytes[end] == UInt8(ascii: "#") {
            end += 1
            while end < bytes.count, end - index < 12, isNameByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 2 {
                // `&#8;`, `&#xFFFE;`: a reference to a character XML forbids is dropped.
                return (isAllowedReference(index + 2, end) ? nil : [], end + 1 - index)
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
    func isAllowedReference(_ start: Int, _ end: Int) -> Bool {
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let value = text.first == "x" || text.first == "X" ? UInt32(text.dropFirst(), radix: 16) : UInt32(text)
        guard let value else { return true }  // Not a number: libxml2 reports it as it is.
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
             UInt8(ascii: "."), UInt8(ascii: ":"): true
        default: false
        }
    }

    /// The end of a CDATA section or comment starting at `index`, whose `&` are literal.
    func skippedSection(at index: Int) -> Int? {
        let sections: [([UInt8], [UInt8])] = [
            (Array("<![CDATA[".utf8), Array("]]>".utf8)), (Array("<!--".utf8), Array("-->".utf8)),
        ]
        for (open, close) in sections where bytes[index...].starts(with: open) {
            var cursor = index + open.count
            while cursor + close.count <= bytes.count {
                if bytes[cursor] == close[0], bytes[cursor...].starts(with: close) {
                    return cursor + close.count
                }
                cursor += 1
            }
            return bytes.count
        }
        return nil
    }

    /// Entity names the internal DTD subset declares (`<!ENTITY name ...>`): left alone.
    func declaredEntities() -> Set<String> {
        let head = bytes.prefix(65_536)
        guard let doctype = head.firstRange(of: Array("<!DOCTYPE".utf8)) else { return [] }
        var names: Set<String> = []
        var cursor = doctype.upperBound
        let marker = Array("<!ENTITY".utf8)
        while let found = head[cursor...].firstRange(of: marker) {
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
