/// What the store remembers about fetching one partner source. It lives apart from the
/// articles, so fetching a feed again changes no article.
public struct SourceState: Sendable, Hashable {
    /// The source as configured or given (a URL or a file path).
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// The last answer's HTTP status, nil for a file or a failure before any answer.
    public var lastStatus: Int?
    /// The last failure's message, nil when the last attempt succeeded.
    public var lastError: String?
    /// Where every redirect was permanent last time: fetched instead of ``url`` from then on.
    public var movedTo: String?
    /// 410 Gone: the publisher removed the feed; it is not fetched again.
    public var isDead: Bool
    /// A digest of the bytes last merged and the settings they were merged with: the same
    /// again changes nothing (the merge is idempotent), so it is neither parsed nor written.
    public var mergedDigest: String?
    /// When a 429 or 503 asked to wait (`Retry-After`), seconds since 1970: not fetched before.
    /// Fetch state, so it may come from the clock; no article ever does.
    public var nextAttempt: Int64?

    public init(url: String, etag: String? = nil, lastModified: String? = nil, lastStatus: Int? = nil,
                lastError: String? = nil, movedTo: String? = nil, isDead: Bool = false, mergedDigest: String? = nil,
                nextAttempt: Int64? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.movedTo = movedTo
        self.isDead = isDead
        self.mergedDigest = mergedDigest
        self.nextAttempt = nextAttempt
    }
}
