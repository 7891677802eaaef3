import FeedModel

/// The feed formats ``FeedParser`` reads, as detected from the content.
public enum FeedFormatKind: String, Sendable, Hashable, CaseIterable {
    case rss090, rss091, rss092, rss10, rss20, atom03, atom10, json10, json11
}

/// One parsed feed: its channel fields and its items in the article model.
public struct ParsedFeed: Sendable {
    /// The format detected from the content.
    public var format: FeedFormatKind
    /// The feed's title as plain text.
    public var title: String
    /// The home page the feed belongs to, absolute when it could be resolved.
    public var link: String?
    /// The URL the feed names for itself (`atom:link rel="self"`, JSON `feed_url`).
    public var feedURL: String?
    /// The feed's language (`language`, `dc:language`, `xml:lang`).
    public var language: String?
    /// The items, in the order of the feed.
    public var articles: [Article]
    /// What was broken and recovered from, like feedparser's `bozo_exception`.
    public var warnings: [String]

    /// A parsed feed from its parts.
    public init(format: FeedFormatKind, title: String = "", link: String? = nil,
                feedURL: String? = nil, language: String? = nil, articles: [Article] = [],
                warnings: [String] = []) {
        self.format = format
        self.title = title
        self.link = link
        self.feedURL = feedURL
        self.language = language
        self.articles = articles
        self.warnings = warnings
    }
}
