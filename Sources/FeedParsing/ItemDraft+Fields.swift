import FeedModel

/// Filling an item's fields from their text, on either thread: the XML reader fills some as
/// it reads them; the item's own text fields (``XMLFeedReader/Capture/Field/waits``) wait in
/// ``ItemDraft/pendingText`` until the item becomes an article, on the other thread of a large
/// feed, so that their strings are allocated and freed on one thread.
///
/// A record is six bytes, then the field's UTF-8 text: the field, a flags byte (the text kind
/// in the low bits, `isPermaLink` (for an Atom link: whether it has a type) and whether the
/// text is known valid UTF-8 above), and the text's length (four bytes, little-endian).
extension ItemDraft {
    typealias Field = XMLFeedReader.Capture.Field

    static let recordHeaderSize = 6
    private static let permaLinkFlag: UInt8 = 0x40
    private static let utf8Flag: UInt8 = 0x80

    /// Writes the header of the record at `header` in `bytes`, whose text runs to their end.
    /// False when the text is too long for a record (over 4 GiB).
    static func writeRecordHeader(into bytes: inout [UInt8], at header: Int, field: Field,
                                  kind: TextValue.Kind, isPermaLink: Bool, isUTF8: Bool) -> Bool {
        guard let length = UInt32(exactly: bytes.count - header - recordHeaderSize) else { return false }
        bytes[header] = field.rawValue
        bytes[header + 1] = kind.rawValue | (isPermaLink ? permaLinkFlag : 0) | (isUTF8 ? utf8Flag : 0)
        for index in 0..<4 { bytes[header + 2 + index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
        return true
    }

    /// Makes the fields that wait in ``pendingText`` into strings, in the order they were read,
    /// and returns their array, for reuse (see ``ItemTextBuffers``).
    @discardableResult
    mutating func takePendingText() -> [UInt8] {
        var records: [UInt8] = []
        swap(&records, &pendingText)
        guard !records.isEmpty else { return records }
        records.withUnsafeBufferPointer { bytes in
            var at = 0
            while at + Self.recordHeaderSize <= bytes.count {
                let flags = bytes[at + 1]
                var length = 0
                for index in 0..<4 { length |= Int(bytes[at + 2 + index]) << (8 * index) }
                let start = at + Self.recordHeaderSize
                guard let field = Field(rawValue: bytes[at]), let kind = TextValue.Kind(rawValue: flags & 3),
                      start + length <= bytes.count else { return }
                let raw = Self.string(UnsafeBufferPointer(rebasing: bytes[start..<start + length]),
                                      isUTF8: flags & Self.utf8Flag != 0)
                fill(field, field.keepsRaw(kind) ? raw : XMLText.trimmed(raw), kind: kind, base: base,
                     isPermaLink: flags & Self.permaLinkFlag != 0)
                at = start + length
            }
        }
        return records
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
        case .atomLink:
            // `rel`, zero, `type`, zero, `href` (see XMLFeedReader.waitLink).
            let parts = text.utf8.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return }
            atomLinks.append(LinkValue(href: String(Substring(parts[2])) , base: base,
                                       rel: String(Substring(parts[0])), type: isPermaLink ? String(Substring(parts[1])) : nil))
        case .channelTitle, .channelLink, .channelLanguage, .authorName, .authorEmail, .authorURI: break
        }
    }

    /// UTF-8 `bytes` as a string. Checking them again was a fifth of the parsing thread's
    /// string-making; it is skipped when libxml2 read a document found valid UTF-8
    /// (``XMLInput/isKnownUTF8``), whose text it passes on in whole characters.
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

extension XMLFeedReader.Capture.Field {
    /// The item's own single text fields and dates, which wait as bytes (see ``ItemDraft``);
    /// authors and categories are filled as read, in order with those read from attributes.
    var waits: Bool {
        switch self {
        case .title, .link, .origLink, .guid, .id, .summary, .content, .published, .updated, .atomLink: true
        default: false
        }
    }

    /// Whether the field keeps its text as given: HTML and XHTML text constructs do;
    /// everything else is trimmed.
    func keepsRaw(_ kind: TextValue.Kind) -> Bool {
        switch self {
        case .channelTitle, .title, .summary, .content: kind != .text
        case .atomLink: true  // Attribute values, as given.
        default: false
        }
    }
}
