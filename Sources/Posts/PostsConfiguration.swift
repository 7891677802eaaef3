/// Posts: reads a Jekyll-style site's post files, with Jekyll's rules, into articles.
import Foundation
import FeedModel

/// What reading posts needs to know about the site.
public struct PostsConfiguration: Sendable {
    /// The site's absolute URL; permalinks are appended to it.
    public var siteURL: String
    /// Zone for dates without an offset, and for a permalink's `:year/:month/:day`.
    public var timeZone: TimeZone
    /// Jekyll permalink pattern or style name (`date`, `pretty`, `ordinal`, `none`).
    public var permalink: String
    /// Name of the folders that hold posts (`_posts`).
    public var postsFolder: String
    /// Paths relative to the site that are never searched (besides dot and `_` folders).
    public var exclude: [String]
    /// Author for posts that name none.
    public var defaultAuthor: Author?
    /// Extra query parameters `canonical.strip_params` removes from canonical URLs.
    public var stripParameters: Set<String>
    /// Posts dated after this are not published yet.
    public var now: Instant

    public init(siteURL: String, timeZone: TimeZone, permalink: String = "date",
                postsFolder: String = "_posts", exclude: [String] = [], defaultAuthor: Author? = nil,
                stripParameters: Set<String> = [], now: Instant) {
        self.siteURL = siteURL
        self.timeZone = timeZone
        self.permalink = permalink
        self.postsFolder = postsFolder
        self.exclude = exclude
        self.defaultAuthor = defaultAuthor
        self.stripParameters = stripParameters
        self.now = now
    }
}

public extension TimeZone {
    /// The UTC offset in seconds in force at `instant`.
    func offset(at instant: Instant) -> Int {
        secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSince1970)))
    }

    /// The instant of a civil time read in this zone (the earlier one in a DST overlap).
    func instant(of civil: CivilTime) -> Instant? {
        var utc = civil
        utc.offset = 0
        guard let guess = utc.instant else { return nil }
        let first = offset(at: Instant(secondsSince1970: guess.secondsSince1970 - Int64(offset(at: guess))))
        return Instant(secondsSince1970: guess.secondsSince1970 - Int64(first))
    }
}
