import FeedModel

/// The channel fields and items of one RSS or Atom document, as read from the stream.
struct ChannelDraft {
    var title: TextValue?
    var link: LinkValue?
    var feedURL: String?
    var language: String?
    var items: [ItemDraft] = []
}

/// Reads an RSS or Atom document from a ``SAXStream``'s events into a ``ChannelDraft``: one
/// pass, a stack of open elements (with their `xml:base` and `xml:lang`), and the bytes of the
/// one field being read. Memory is the items' text, never a tree of the document.
final class XMLFeedReader {
    struct Frame {
        var name: ElementName
        var base: String?
        var lang: String?
    }

    /// The field being read, and how child elements inside it are treated; its text
    /// gathers in the reader's `captured` bytes, from `start` on.
    struct Capture {
        enum Field: UInt8 {
            case channelTitle, channelLink, channelLanguage
            case title, link, origLink, guid, id, summary, content, published, updated
            case creator, rssAuthor, category, authorName, authorEmail, authorURI
            /// An Atom link of the item (from its attributes; see ``XMLFeedReader/waitLink(_:rel:)``).
            case atomLink
        }
        enum Markup { case none, html, xhtml }
        var field: Field
        var depth: Int
        var kind: TextValue.Kind
        var markup: Markup
        var base: String?
        var wrapperDepth: Int?
        var isPermaLink = true
        /// Where the field's text starts in `captured`.
        var start = 0
        /// Where its record header is, when its text goes to the item as bytes
        /// (``ItemDraft/pendingText``).
        var header: Int?
    }

    let stream: SAXStream
    let maxDepth: Int
    var format: FeedFormatKind?
    var rootName: String?
    var channel = ChannelDraft()
    var frames: [Frame] = []
    var item: ItemDraft?
    var itemDepth = 0
    var author: Author?
    var authorDepth = 0
    var capture: Capture?
    /// The UTF-8 text of the field being read, after the records of the item's fields that
    /// wait as bytes (see ``begin(_:depth:frame:kind:)``): one buffer, reused from item to item.
    var captured: [UInt8] = []
    var skipDepth: Int?
    var rootClosed = false
    var depthExceeded = false
    /// References to entities a DOCTYPE declares, which are never expanded: how many, the
    /// first one's name and line.
    var leftOut: (count: Int, name: String, line: Int)?
    /// Receives each item as it ends; without one, items gather in `channel.items`.
    var onItem: ((__owned ItemDraft) -> Void)?
    /// Arrays for items' waiting text, reused when the items go to another thread.
    let textBuffers: ItemTextBuffers?
    /// Element names by the addresses of libxml2's interned names (see ``elementName()``).
    var names: [(local: UnsafeRawPointer?, prefix: UnsafeRawPointer?, namespace: UnsafeRawPointer?, name: ElementName)] = []

    /// Whether the document was found valid UTF-8 and is read as UTF-8 (``XMLInput/isKnownUTF8``).
    let textIsUTF8: Bool

    /// Whether the text libxml2 passes on now is known valid UTF-8: the document was found so,
    /// and libxml2 has not switched to reading it as Latin-1 (which it does for good after
    /// bytes that are not UTF-8, passing them on as they are; never seen for a valid document,
    /// but one load per field keeps a later libxml2 from breaking the promise).
    var trustsUTF8: Bool { textIsUTF8 && stream.readsUTF8 }

    init(stream: SAXStream, rootBase: String?, maxDepth: Int, textIsUTF8: Bool = false,
         textBuffers: ItemTextBuffers? = nil) {
        self.stream = stream
        self.textBuffers = textBuffers
        self.textIsUTF8 = textIsUTF8
        self.maxDepth = maxDepth
        frames.reserveCapacity(16)
        captured.reserveCapacity(4096)
        self.rootBase = rootBase
    }

    private let rootBase: String?

    /// The records in `captured`, for the item, leaving `captured` empty. With ``textBuffers``
    /// the array itself goes, and one handed back takes its place (no copy); without, an exact
    /// copy (`captured` itself would take its capacity with the item, and `Array(captured)`
    /// shares it).
    func takeRecords() -> [UInt8] {
        guard let textBuffers else {
            defer { captured.removeAll(keepingCapacity: true) }
            return captured.withUnsafeBufferPointer { Array($0) }
        }
        var records = textBuffers.take(capacity: captured.count)
        swap(&records, &captured)
        return records
    }

    /// Reads to the end of the document or its first unrecoverable error.
    func run() {
        stream.reader = Unmanaged.passUnretained(self)
        stream.run()
        stream.reader = nil
    }

    /// A run of text, CDATA included: kept only inside a field.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let capture else { return }
        if capture.markup == .xhtml {
            captured.append(contentsOf: XMLText.escape(String(decoding: bytes, as: UTF8.self)).utf8)
        } else {
            captured.append(contentsOf: bytes)
        }
    }

    /// An entity a DOCTYPE names but nobody loads (the Netscape RSS 0.91 DTD) reads as HTML's
    /// entity of that name; any other is left out (XXE, quadratic blow-up).
    func entityReference(_ name: String) {
        guard capture != nil else { return }
        if let code = HTMLEntities.codePoints[name], let scalar = Unicode.Scalar(code) {
            captured.append(contentsOf: String(scalar).utf8)
        } else {
            leftOut = (count: (leftOut?.count ?? 0) + 1, name: leftOut?.name ?? name,
                       line: leftOut?.line ?? stream.line)
        }
    }

    func elementStarted() {
        guard frames.count < maxDepth else { depthExceeded = true; return }
        let parent = frames.last
        var base = parent?.base ?? rootBase
        var lang = parent?.lang
        if stream.hasAttributes {
            if let given = stream.attribute("xml:base") {
                base = base.flatMap { URLReference.resolve(given, against: $0) } ?? given
            }
            if let given = stream.attribute("xml:lang") { lang = given }
        }
        if format == nil {
            frames.append(Frame(name: .other, base: base, lang: lang))
            if parent == nil { detectFormat() }
            return
        }
        let frame = Frame(name: elementName(), base: base, lang: lang)
        let depth = frames.count
        frames.append(frame)
        if capture != nil { openTag(depth: depth); return }
        if skipDepth != nil { return }
        dispatch(frame, depth: depth, parent: parent?.name ?? .other)
    }

    func elementEnded(empty: Bool) {
        guard let frame = frames.popLast() else { return }
        let depth = frames.count
        if let current = capture {
            if current.depth == depth {
                capture = nil
                finish(current, frame: frame)
            } else if current.markup != .none, current.wrapperDepth != depth {
                closeTag(empty: empty)
            }
        }
        if skipDepth == depth { skipDepth = nil }
        // Moved out, not copied: a copy retains and then releases every field of the item.
        if author != nil, authorDepth == depth, let done = author.take() {
            if done.name != nil || done.email != nil || done.uri != nil { item?.authors.append(done) }
        }
        if item != nil, itemDepth == depth, var done = item.take() {
            if !captured.isEmpty { done.pendingText = takeRecords() }
            if let onItem { onItem(done) } else { channel.items.append(done) }
        }
        if frames.isEmpty { rootClosed = true }
    }
}

private extension XMLFeedReader {
    /// A start tag inside an HTML or XHTML field, written back as markup.
    func openTag(depth: Int) {
        guard var current = capture, current.markup != .none else { return }
        // Atom `type="xhtml"` content is wrapped in one `div` that is not part of it (RFC 4287 §4.1.3.3).
        if current.markup == .xhtml, depth == current.depth + 1, current.wrapperDepth == nil,
           String(decoding: captured[current.start...], as: UTF8.self).allSatisfy(\.isWhitespace),
           stream.markupName == "div" {
            current.wrapperDepth = depth
            captured.removeSubrange(current.start...)
            capture = current
            return
        }
        captured.append(UInt8(ascii: "<"))
        captured.append(contentsOf: stream.markupName.utf8)
        // Namespace declarations are not attributes in SAX2; prefixed attributes are dropped.
        for (name, value) in stream.attributes() where !name.contains(":") {
            captured.append(UInt8(ascii: " "))
            captured.append(contentsOf: name.utf8)
            captured.append(contentsOf: "=\"".utf8)
            captured.append(contentsOf: XMLText.escape(value, quotes: true).utf8)
            captured.append(UInt8(ascii: "\""))
        }
        captured.append(UInt8(ascii: ">"))
    }

    func closeTag(empty: Bool) {
        let name = stream.markupName
        // `<br/>` and `<br></br>` alike: HTML reads an end tag `</br>` as a second `<br>`.
        if empty, XMLFeedReader.voidElements.contains(name) { return }
        captured.append(contentsOf: "</".utf8)
        captured.append(contentsOf: name.utf8)
        captured.append(UInt8(ascii: ">"))
    }

    static let voidElements: Set<String> = ["br", "img", "hr", "input", "meta", "link", "area", "col",
                                            "embed", "param", "source", "track", "wbr"]
}
