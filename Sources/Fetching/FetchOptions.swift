/// Limits and headers for ``FeedFetcher``.
public struct FetchOptions: Sendable, Hashable {
    /// The `User-Agent` sent with every request.
    public static let defaultUserAgent = "feedsmith/0.1.0 (+https://github.com/feedsmith)"
    /// Feed types first, then any XML or JSON, then anything (some servers label feeds `text/html`).
    public static let defaultAccept = "application/rss+xml, application/atom+xml, application/feed+json, "
        + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

    /// A body larger than this, after decompression, is refused and reading stops.
    public var maxBytes: Int
    /// How long to wait for a connection to open.
    public var connectTimeout: Duration
    /// How long the whole fetch may take: every redirect hop and the whole body.
    public var totalTimeout: Duration
    /// How many redirects to follow before giving up.
    public var maxRedirects: Int
    /// The `User-Agent` header.
    public var userAgent: String
    /// The `Accept` header.
    public var accept: String

    /// Options with the defaults: 20 MiB, 10 s to connect, 30 s in all, 5 redirects.
    public init(maxBytes: Int = 20 * 1024 * 1024, connectTimeout: Duration = .seconds(10),
                totalTimeout: Duration = .seconds(30), maxRedirects: Int = 5,
                userAgent: String = FetchOptions.defaultUserAgent, accept: String = FetchOptions.defaultAccept) {
        self.maxBytes = maxBytes
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.accept = accept
    }
}
