import FeedModel
import Foundation

/// Writes a JSON Feed 1.1 document piece by piece, one item at a time, so a feed of any size
/// is written in the memory of one item. When every channel field is known before the first
/// item the bytes equal ``FeedDocument/render(_:)``'s; a field first seen after the items
/// (RSS allows a late `<title>`) is written after them, which JSON allows.
public struct JSONFeedStream {
    /// The channel fields of the document.
    public struct Header: Sendable {
        public var title: String
        public var homePageURL: String?
        public var feedURL: String?
        public var language: String?

        public init(title: String, homePageURL: String?, feedURL: String?, language: String?) {
            self.title = title
            self.homePageURL = homePageURL
            self.feedURL = feedURL
            self.language = language
        }
    }

    private let feed: FeedDocument
    private var written: Set<String> = []
    private var itemCount = 0

    /// A stream whose dates are written in `timeZone`.
    public init(timeZone: TimeZone) {
        feed = FeedDocument(title: "", description: nil, homePageURL: "", selfURLs: [:], language: nil,
                            authors: [], timeZone: timeZone, articles: [])
    }

    /// The text before the first item (call once, before ``item(_:)``); `complete` says the
    /// header is final, so empty fields are written now too.
    public mutating func begin(_ header: Header, complete: Bool = false) -> String {
        var out = "{\n"
        member("version", "https://jsonfeed.org/version/1.1", to: &out)
        if complete || !header.title.isEmpty { member("title", header.title, to: &out) }
        let home = header.homePageURL ?? ""
        if complete || !home.isEmpty { member("home_page_url", home, to: &out) }
        if let feedURL = header.feedURL { member("feed_url", feedURL, to: &out) }
        if let language = header.language { member("language", language, to: &out) }
        return out + "  \"items\": ["
    }

    /// Appends one item's text, as UTF-8, to `out`, with `sources` in place of the
    /// article's own when given (no copy of the article is made to change them).
    public mutating func item(_ article: Article, sources: Set<String>? = nil, to out: inout [UInt8]) {
        out += (itemCount == 0 ? "\n    " : ",\n    ").utf8
        itemCount += 1
        JSONFeedWriter.appendItem(article, sources: sources, feed: feed, to: &out, indent: 2)
    }

    /// The text after the last item, with the channel fields not written before them.
    public mutating func end(_ header: Header) -> String {
        var out = itemCount == 0 ? "]" : "\n  ]"
        var late = ""
        if !written.contains("title") { member("title", header.title, to: &late) }
        if !written.contains("home_page_url") { member("home_page_url", header.homePageURL ?? "", to: &late) }
        if !written.contains("feed_url"), let feedURL = header.feedURL { member("feed_url", feedURL, to: &late) }
        if !written.contains("language"), let language = header.language { member("language", language, to: &late) }
        if !late.isEmpty { out += ",\n" + late.dropLast(2) }
        return out + "\n}\n"
    }

    /// `"key": "value",\n` at the top level, remembered as written.
    private mutating func member(_ key: String, _ value: String, to out: inout String) {
        written.insert(key)
        out += "  \"" + key + "\": "
        JSONValue.appendString(value, to: &out)
        out += ",\n"
    }
}
