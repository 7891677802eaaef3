/// FeedWriting: writes articles as RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents, plus the
/// OPML list and the HTML index of a site's feeds. Output is a pure function of its input.
import Foundation
import FeedModel

/// The version written in `<generator>`.
public let feedsmithVersion = "0.1.0"
public let feedsmithHomepage = "https://github.com/feedsmith/feedsmith"

/// One feed to write: its metadata and its articles, newest first.
public struct FeedDocument: Sendable {
    public var title: String
    public var description: String?
    /// The site's home page.
    public var homePageURL: String
    /// Where each format of this feed is served, for `rel="self"` and ids.
    public var selfURLs: [FeedFormat: String]
    public var language: String?
    public var authors: [Author]
    /// Zone dates are written in.
    public var timeZone: TimeZone
    public var articles: [Article]
    /// The WebSub hub that tells subscribers of changes (`rel="hub"`, JSON Feed `hubs`), or nil.
    public var hub: String?
    /// RFC 5005 links, for a feed published with archives; nil otherwise.
    public var archive: ArchiveLinks?
    /// The `href` of the `<?xml-stylesheet?>` the RSS and Atom documents name (relative, to the
    /// root's ``FeedStylesheet``); nil writes none.
    public var stylesheet: String?
    /// UTC needs no zone look-up per date.
    private var isUTC: Bool { timeZone.identifier == "UTC" || timeZone.identifier == "GMT" }

    public init(title: String, description: String?, homePageURL: String, selfURLs: [FeedFormat: String],
                language: String?, authors: [Author], timeZone: TimeZone, articles: [Article], stylesheet: String? = nil) {
        self.title = title
        self.description = description
        self.homePageURL = homePageURL
        self.selfURLs = selfURLs
        self.language = language
        self.authors = authors
        self.timeZone = timeZone
        self.articles = articles
        self.stylesheet = stylesheet
    }

    /// The feed's date: the newest article's, never the clock. An empty feed says 1970.
    public var updated: Instant {
        articles.compactMap(\.effectiveUpdated).max() ?? Instant(secondsSince1970: 0)
    }

    func offset(at instant: Instant) -> Int {
        if isUTC { return 0 }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSince1970)))
    }

    func rfc822(_ instant: Instant) -> String { DateFormats.rfc822(instant, offset: offset(at: instant)) }
    func rfc3339(_ instant: Instant) -> String { DateFormats.rfc3339(instant, offset: offset(at: instant)) }
    func appendRFC3339(_ instant: Instant, to out: inout [UInt8]) {
        DateFormats.appendRFC3339(instant, offset: offset(at: instant), to: &out)
    }
}

/// The formats a feed is written in.
public enum FeedFormat: String, Sendable, Hashable, CaseIterable, Comparable {
    case rss, atom, json

    public var fileName: String {
        switch self {
        case .rss: "rss.xml"
        case .atom: "atom.xml"
        case .json: "feed.json"
        }
    }

    public var mediaType: String {
        switch self {
        case .rss: "application/rss+xml"
        case .atom: "application/atom+xml"
        case .json: "application/feed+json"
        }
    }

    public static func < (lhs: FeedFormat, rhs: FeedFormat) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public extension FeedDocument {
    /// Writes the document in `format`.
    func render(_ format: FeedFormat) -> String {
        switch format {
        case .rss: RSSWriter(feed: self).write()
        case .atom: AtomWriter(feed: self).write()
        case .json: JSONFeedWriter(feed: self).write()
        }
    }
}
