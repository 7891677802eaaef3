import FeedModel

/// Filling an item's fields from their text, on either thread: the XML reader fills some as
/// it reads them; the item's own text fields (``XMLFeedReader/Capture/Field/waits``) wait in
/// ``ItemDraft/pendingText`` until the item becomes an article, on the other thread of a large
/// feed, so that their strings are allocated and freed on one thread.
///
/// A record is six bytes, then the field's UTF-8 text: the field, a flags byte (the text kind
/// in the low bits; above them whether an Atom link has a type, `isPermaLink`, and whether the
/// text is known valid UTF-8), and the text's length (four bytes, little-endian).
extension ItemDraft {
    typealias Field = XMLFeedReader.Capture.Field

    static let recordHeaderSize = 6
    private static let typeFlag: UInt8 = 0x20
    private static let permaLinkFlag: UInt8 = 0x40
    private static let utf8Flag: UInt8 = 0x80

    /// Writes the header of the record at `header` in `bytes`, whose text runs to their end.
    /// False when the text is too long for a record (over 4 GiB).
    static func writeRecordHeader(into bytes: inout [UInt8], at header: Int, field: Field,
                                  kind: TextValue.Kind, isPermaLink: Bool = false, hasType: Bool = false,
                                  isUTF8: Bool) -> Bool {
        guard let length = UInt32(exactly: bytes.count - header - recordHeaderSize) else { return false }
        bytes[header] = field.rawValue
        bytes[header + 1] = kind.rawValue | (hasType ? typeFlag : 0) | (isPermaLink ? permaLinkFlag : 0)
            | (isUTF8 ? utf8Flag : 0)
        for index in 0..<4 { bytes[header + 2 + index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
        return true
    }

    /// Makes the fields that wait in ``pendingText`` into strings and returns their array, for
    /// reuse (see ``ItemTextBuffers``).
    mutating func takePendingText() -> [UInt8] {
        var records: [UInt8] = []
        swap(&records, &pendingText)
        records.withUnsafeBufferPointer { fill(records: $0) }
        return records
    }

    /// Fills the fields whose records are in `bytes`, in the order they were read.
    mutating func fill(records bytes: UnsafeBufferPointer<UInt8>) {
        var at = 0
        while at + Self.recordHeaderSize <= bytes.count {
            let flags = bytes[at + 1]
            var length = 0
            for index in 0..<4 { length |= Int(bytes[at + 2 + index]) << (8 * index) }
            let start = at + Self.recordHeaderSize
            guard let field = Field(rawValue: bytes[at]), let kind = TextValue.Kind(rawValue: flags & 3),
                  start + length <= bytes.count else { return }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<start + length])
            let isUTF8 = flags & Self.utf8Flag != 0
            if field == .atomLink {
                atomLinks.append(Self.link(text, base: base, hasType: flags & Self.typeFlag != 0, isUTF8: isUTF8))
            } else {
                let raw = Self.string(text, isUTF8: isUTF8)
                fill(field, field.keepsRaw(kind) ? raw : XMLText.trimmed(raw), kind: kind, base: base,
                     isPermaLink: flags & Self.permaLinkFlag != 0)
            }
            at = start + length
        }
    }

    /// An Atom link from its record's text: `rel`, a zero byte, `type`, a zero byte, `href`
    /// (see ``XMLFeedReader/waitLink(_:rel:)``; no attribute value has a zero byte).
    static func link(_ text: UnsafeBufferPointer<UInt8>, base: String?, hasType: Bool, isUTF8: Bool) -> LinkValue {
        let parts = text.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
            .map { string(UnsafeBufferPointer(rebasing: $0), isUTF8: isUTF8) }
        guard parts.count == 3 else { return LinkValue(href: "", base: base) }
        return LinkValue(href: parts[2], base: base, rel: parts[0], type: hasType ? parts[1] : nil)
    }

    /// Sets the item field `field` from its text (trimmed unless the field keeps its markup).
    mutating func fill(_ field: Field, _ text: String, kind: TextValue.Kind, base: String?, isPermaLink: Bool) {
        switch field {
        case .title: title = TextValue(text: text, kind: kind, base: base)
        case .link: rssLink = LinkValue(href: text, base: base)
        case .origLink: origLink = LinkValue(href: text, base: base)
        case .guid:
            guid = text
            guidIsPermaLink = isPermaLink
        case .id: id = text
        case .summary: summary = TextValue(text: text, kind: kind, base: base)
        case .content: content = TextValue(text: text, kind: kind, base: base)
        case .published: published.append(text)
        case .updated: updated.append(text)
        case .creator: if !text.isEmpty { authors.append(Author(name: XMLText.collapsingSpace(text))) }
        case .rssAuthor: if !text.isEmpty { authors.append(Self.rssAuthor(XMLText.collapsingSpace(text))) }
        case .category: if !text.isEmpty { categories.append(text) }
        case .channelTitle, .channelLink, .channelLanguage, .authorName, .authorEmail, .authorURI, .atomLink: break
        }
    }

    /// UTF-8 `bytes` as a string. Checking them again was a third of making the strings
    /// (`perf record` of `feedsmith parse` on Benchmarks/parse.py's RSS feed); it is skipped when
    /// libxml2 reads as UTF-8 a document found valid UTF-8 (``XMLFeedReader/trustsUTF8``), whose
    /// text it passes on in whole characters.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, isUTF8: Bool) -> String {
        guard isUTF8, #available(macOS 26, *) else { return String(decoding: bytes, as: UTF8.self) }
        assert(String(validating: bytes, as: UTF8.self) != nil, "libxml2 passed on bytes that are not UTF-8")
        return String(copying: UTF8Span(unchecked: bytes.span))
    }

    /// RSS 2.0 `author` is `email (Name)`; many feeds put only a name there.
    static func rssAuthor(_ text: String) -> Author {
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let email = text[..<open].trimmingCharacters(in: .whitespaces)
            let name = text[text.index(after: open)..<text.index(before: text.endIndex)]
            return Author(name: String(name), email: email.contains("@") ? email : nil)
        }
        return text.contains("@") && !text.contains(" ") ? Author(email: text) : Author(name: text)
    }
}
