import CLibXML2
import Glibc

/// The current element's attributes, read straight from libxml2's array (five pointers each:
/// local name, prefix, URI, value start, value end), valid only inside the reader's callbacks.
extension SAXStream {
    /// The attribute by qualified name (`xml:base`, `isPermaLink`, `rdf:resource`).
    func attribute(_ name: StaticString) -> String? {
        index(of: name).map(value)
    }

    /// Appends the value of the attribute `name` to `bytes`, as ``attribute(_:)`` reads it but
    /// with no string made; false when the element has no such attribute.
    func appendAttribute(_ name: StaticString, to bytes: inout [UInt8]) -> Bool {
        guard let index = index(of: name) else { return false }
        appendValue(index, to: &bytes)
        return true
    }

    /// Every attribute of the current element as (qualified name, value), in document order.
    func attributes() -> [(String, String)] {
        (0..<attributeCount).map { index in
            let local = interned(attributePointers![index * 5]) ?? ""
            let name = interned(attributePointers![index * 5 + 1]).map { $0 + ":" + local } ?? local
            return (name, value(index))
        }
    }
}

private extension SAXStream {
    /// The index of the attribute named `name`, if the element has one.
    func index(of name: StaticString) -> Int? {
        name.withUTF8Buffer { wanted in (0..<attributeCount).first { matches($0, wanted) } }
    }

    /// Whether attribute `index` is named `wanted` (`prefix:local` or `local`).
    func matches(_ index: Int, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        func consume(_ pointer: UnsafePointer<xmlChar>) -> Bool {
            var cursor = pointer
            while cursor.pointee != 0 {
                guard position < wanted.count, wanted[position] == cursor.pointee else { return false }
                position += 1
                cursor += 1
            }
            return true
        }
        if let prefix = attributePointers![index * 5 + 1] {
            guard consume(prefix), position < wanted.count, wanted[position] == 0x3A else { return false }
            position += 1
        }
        guard let local = attributePointers![index * 5], consume(local) else { return false }
        return position == wanted.count
    }

    /// Attribute `index`'s value.
    func value(_ index: Int) -> String {
        withValue(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends attribute `index`'s value to `bytes`.
    func appendValue(_ index: Int, to bytes: inout [UInt8]) {
        withValue(index) { bytes.append(contentsOf: $0) }
    }

    /// Calls `body` with the bytes of attribute `index`'s value. Without entity substitution
    /// libxml2 leaves `&#38;` for an escaped `&` and declared entities as references: decoded
    /// here as its own SAX2 handler decodes them, with its limits on expansion.
    func withValue<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let start = attributePointers![index * 5 + 3], let end = attributePointers![index * 5 + 4] else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let value = UnsafeBufferPointer(start: start, count: end - start)
        guard value.contains(0x26),
              let decoded = xmlStringLenDecodeEntities(context, start, Int32(value.count),
                                                       Int32(XML_SUBSTITUTE_REF), 0, 0, 0) else {
            return body(value)
        }
        defer { feedsmith_xml_free(decoded) }
        return body(UnsafeBufferPointer(start: decoded, count: strlen(decoded)))
    }
}
