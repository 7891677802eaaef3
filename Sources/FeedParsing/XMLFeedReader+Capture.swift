import Foundation
import FeedModel

/// Starting and finishing the text of one field.
extension XMLFeedReader {
    func begin(_ field: Capture.Field, depth: Int, frame: Frame, kind: TextValue.Kind = .text) {
        var markup = Capture.Markup.none
        if kind == .xhtml { markup = .xhtml }
        // Raw, unescaped markup inside `description` (hand-written RSS 0.91 feeds).
        if kind == .html { markup = .html }
        var capture = Capture(field: field, depth: depth, kind: kind, markup: markup, base: frame.base)
        if item == nil {
            clearCaptured()
        } else if field.waits, canWait(frame) {
            // The item's own text fields go to the other thread as records, made into strings
            // there: a string made here was allocated on this thread and freed on that one,
            // which kept malloc on its slow path (a fifth of this thread's time in `perf record`
            // of `feedsmith parse` on Benchmarks/parse.py's RSS feed).
            capture.header = openRecord()
        }
        capture.start = captured.count
        self.capture = capture
    }

    /// Atom's `type` (and Atom 0.3's `mode`) of the current text construct.
    func atomKind() -> TextValue.Kind {
        let type = stream.attribute("type")?.lowercased() ?? "text"
        switch type {
        case "html", "text/html": return .html
        case "xhtml", "application/xhtml+xml": return .xhtml
        default: return stream.attribute("mode") == "xml" ? .xhtml : .text
        }
    }

    /// Whether a field of the element of `frame` can wait as a record: not when it has an
    /// `xml:base` of its own (rare), since records carry the item's. Such a field is filled as
    /// read, and those waiting are filled first, so a later title still wins over an earlier one.
    func canWait(_ frame: Frame) -> Bool {
        if frame.base == item?.base { return true }
        fillWaitingFields()
        return false
    }

    /// Starts a record in `captured`; returns where its header goes (see ``closeRecord(at:field:kind:isPermaLink:hasType:)``).
    func openRecord() -> Int {
        let header = captured.count
        captured.append(contentsOf: repeatElement(0, count: ItemDraft.recordHeaderSize))
        return header
    }

    /// Writes the header of the record at `header`, whose text runs to the end of `captured`;
    /// false, and nothing written, when the text is too long for a record (over 4 GiB).
    func closeRecord(at header: Int, field: Capture.Field, kind: TextValue.Kind, isPermaLink: Bool = false,
                     hasType: Bool = false) -> Bool {
        ItemDraft.writeRecordHeader(into: &captured, at: header, field: field, kind: kind,
                                    isPermaLink: isPermaLink, hasType: hasType, isUTF8: trustsUTF8)
    }

    /// Fills the item's fields that wait as records (read before a field that cannot wait).
    func fillWaitingFields() {
        guard !captured.isEmpty else { return }
        captured.withUnsafeBufferPointer { item?.fill(records: $0) }
        captured.removeAll(keepingCapacity: true)
    }

    /// Empties `captured` for a new item or a channel field; one a huge field made large is
    /// let go.
    func clearCaptured() {
        if captured.capacity > 1 << 20 { captured = [] }
        captured.removeAll(keepingCapacity: true)
    }

    /// Writes the current Atom link's record: `rel`, a zero byte, its `type`, a zero byte, its
    /// `href` (no attribute value has a zero byte), the type's presence in the flags. False
    /// when it is too long for a record.
    func waitLink(_ frame: Frame, rel: String) -> Bool {
        let header = openRecord()
        captured.append(contentsOf: rel.utf8)
        captured.append(0)
        let hasType = stream.appendAttribute("type", to: &captured)
        captured.append(0)
        _ = stream.appendAttribute("href", to: &captured)
        guard closeRecord(at: header, field: .atomLink, kind: .text, hasType: hasType) else {
            captured.removeSubrange(header...)
            return false
        }
        return true
    }

    func linkAttributes(_ frame: Frame) -> LinkValue {
        LinkValue(href: stream.attribute("href") ?? "", base: frame.base,
                  rel: stream.attribute("rel") ?? "alternate", type: stream.attribute("type"))
    }

    func resolved(_ href: String, _ base: String?) -> String {
        base.flatMap { URLReference.resolve(href, against: $0) } ?? href
    }

    /// Media RSS: an image becomes the item's image, other media an enclosure.
    func media(_ frame: Frame) {
        guard let url = stream.attribute("url") else { return }
        let absolute = resolved(url, frame.base)
        let type = stream.attribute("type")
        let medium = stream.attribute("medium")
        if frame.name == .mediaThumbnail || medium == "image" || type?.hasPrefix("image/") == true {
            if item?.image == nil { item?.image = absolute }
        } else {
            item?.enclosures.append(Enclosure(url: absolute, type: type,
                                              length: stream.attribute("fileSize").flatMap { Int($0) }))
        }
    }

    /// The field's text (`captured` from `start` on) as a string.
    func capturedText(from start: Int) -> String {
        captured.withUnsafeBufferPointer { bytes in
            ItemDraft.string(UnsafeBufferPointer(rebasing: bytes[start...]), isUTF8: trustsUTF8)
        }
    }

    func finish(_ done: Capture, frame: Frame) {
        if let header = done.header,
           closeRecord(at: header, field: done.field, kind: done.kind, isPermaLink: done.isPermaLink) { return }
        let raw = capturedText(from: done.start)
        // Only the records of waiting fields stay in the buffer.
        captured.removeSubrange((done.header ?? done.start)...)
        let trimmed = done.field.keepsRaw(done.kind) ? raw : XMLText.trimmed(raw)
        switch done.field {
        case .channelTitle: channel.title = TextValue(text: trimmed, kind: done.kind, base: done.base)
        case .channelLink: if channel.link == nil { channel.link = LinkValue(href: trimmed, base: done.base) }
        case .channelLanguage: channel.language = trimmed
        case .authorName: author?.name = XMLText.collapsingSpace(trimmed)
        case .authorEmail: author?.email = trimmed
        case .authorURI: author?.uri = resolved(trimmed, done.base)
        default: item?.fill(done.field, trimmed, kind: done.kind, base: done.base, isPermaLink: done.isPermaLink)
        }
    }
}

extension XMLFeedReader.Capture.Field {
    /// The item's own single text fields and dates, which wait as records (see ``ItemDraft``);
    /// authors and categories are filled as read, in order with those read from attributes.
    var waits: Bool {
        switch self {
        case .title, .link, .origLink, .guid, .id, .summary, .content, .published, .updated: true
        default: false
        }
    }

    /// Whether the field keeps its text as given: HTML and XHTML text constructs do;
    /// everything else is trimmed.
    func keepsRaw(_ kind: TextValue.Kind) -> Bool {
        switch self {
        case .channelTitle, .title, .summary, .content: kind != .text
        default: false
        }
    }
}
