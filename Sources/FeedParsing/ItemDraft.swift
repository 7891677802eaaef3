import FeedModel

/// A text construct as the feed gave it, with the base URL in force where it appeared.
struct TextValue {
    enum Kind: UInt8 { case text, html, xhtml }
    var text: String
    var kind: Kind
    var base: String?
}

/// A URL as the feed gave it, with the base URL in force where it appeared.
struct LinkValue {
    var href: String
    var base: String?
    var rel: String = "alternate"
    var type: String?
}

/// One item's raw fields, gathered while streaming, before they become an ``Article``.
struct ItemDraft {
    var title: TextValue?
    var origLink: LinkValue?
    var atomLinks: [LinkValue] = []
    var rssLink: LinkValue?
    var guid: String?
    var guidIsPermaLink = true
    var id: String?
    var summary: TextValue?
    var content: TextValue?
    var published: [String] = []
    var updated: [String] = []
    var authors: [Author] = []
    var categories: [String] = []
    var tags: [String] = []
    var enclosures: [Enclosure] = []
    var image: String?
    /// The base in force on the item element itself.
    var base: String?
    /// The line the item started on, for warnings.
    var line: Int = 0
    /// Text fields not yet made into strings, as records (see ``ItemDraft+Fields``);
    /// ``takePendingText()`` fills them in.
    var pendingText: [UInt8] = []
}
