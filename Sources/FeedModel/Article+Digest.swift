extension Article {
    /// The digest of the fields that win as a whole in the merge (link, title, summary, content,
    /// authors, image, enclosures), serialised canonically: each field tagged, each string
    /// length-prefixed, so no two different contents share a serialisation.
    public var contentDigest: ContentDigest {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + (contentHTML?.utf8.count ?? 0) + (summary?.utf8.count ?? 0))
        bytes.appendField(1, link)
        bytes.appendField(2, title)
        bytes.appendField(3, summary)
        bytes.appendField(4, contentHTML)
        bytes.appendCount(5, authors.count)
        for author in authors {
            bytes.appendField(6, author.name)
            bytes.appendField(7, author.email)
            bytes.appendField(8, author.uri)
        }
        bytes.appendField(9, image)
        bytes.appendCount(10, enclosures.count)
        for enclosure in enclosures {
            bytes.appendField(11, enclosure.url)
            bytes.appendField(12, enclosure.type)
            bytes.appendCount(13, enclosure.length.map { $0 + 1 } ?? 0)
        }
        return ContentDigest(hashing: bytes)
    }
}

private extension [UInt8] {
    /// Tag, then 0 for absent or 1, the UTF-8 length (8 bytes, little-endian) and the bytes.
    mutating func appendField(_ tag: UInt8, _ value: String?) {
        append(tag)
        guard let value else { append(0); return }
        append(1)
        appendInteger(UInt64(value.utf8.count))
        append(contentsOf: value.utf8)
    }

    mutating func appendCount(_ tag: UInt8, _ count: Int) {
        append(tag)
        appendInteger(UInt64(bitPattern: Int64(count)))
    }

    mutating func appendInteger(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
