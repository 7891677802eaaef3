import FeedModel

/// One feed as the OPML list and the index page show it.
public struct FeedListing: Sendable {
    public var title: String
    /// The category, or nil for the feed of the whole site.
    public var category: String?
    public var urls: [FeedFormat: String]
    /// The newest articles' titles and links.
    public var latest: [(title: String, link: String?)]

    public init(title: String, category: String?, urls: [FeedFormat: String], latest: [(title: String, link: String?)]) {
        self.title = title
        self.category = category
        self.urls = urls
        self.latest = latest
    }

    /// The format a reader subscribes to when given one choice: RSS, then Atom, then JSON.
    var preferred: (FeedFormat, String)? {
        FeedFormat.allCases.lazy.compactMap { format in self.urls[format].map { (format, $0) } }.first
    }
}

/// The site-wide pages: `feeds.opml` and `index.html`.
public struct SitePages: Sendable {
    public var title: String
    public var description: String?
    public var homePageURL: String
    public var language: String?
    public var feeds: [FeedListing]

    public init(title: String, description: String?, homePageURL: String, language: String?, feeds: [FeedListing]) {
        self.title = title
        self.description = description
        self.homePageURL = homePageURL
        self.language = language
        self.feeds = feeds
    }

    /// OPML 2.0 with one outline per feed, in its preferred format, so that importing it
    /// subscribes once to each feed rather than three times.
    public func opml() -> String {
        var xml = XMLBuilder()
        xml.open("opml", [("version", "2.0")])
        xml.open("head")
        xml.element("title", title)
        xml.close("head")
        xml.open("body")
        for feed in feeds {
            guard let (format, url) = feed.preferred else { continue }
            xml.element("outline", nil, [("text", feed.title), ("title", feed.title),
                                         ("type", format == .json ? "json" : "rss"),
                                         ("xmlUrl", url), ("htmlUrl", homePageURL)])
        }
        xml.close("body")
        xml.close("opml")
        return xml.text
    }
}
