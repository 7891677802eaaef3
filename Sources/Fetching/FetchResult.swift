import Foundation

/// What one GET of a feed URL brought back.
public struct FetchResult: Sendable, Hashable {
    /// What happened to the feed.
    public enum Outcome: Sendable, Hashable {
        /// A 2xx answer: ``FetchResult/body`` holds the feed.
        case fetched
        /// 304: the stored copy is current; there is no body.
        case notModified
        /// 410: the publisher removed the feed for good; stop fetching it.
        case gone
    }

    public var outcome: Outcome
    /// The URL asked for.
    public var requestedURL: String
    /// The URL that answered, after redirects.
    public var finalURL: String
    /// ``finalURL`` when every redirect on the way was permanent (301, 308): record it in place
    /// of ``requestedURL``. `nil` when there was no redirect or any of them was temporary.
    public var movedPermanently: String?
    /// The final answer's HTTP status code.
    public var status: Int
    /// The body, decompressed; empty unless ``outcome`` is ``Outcome/fetched``.
    public var body: Data
    /// The `Content-Type` header (its `charset` is for the parser).
    public var contentType: String?
    /// The `ETag` to send next time (a 304 without one keeps the stored one).
    public var etag: String?
    /// The `Last-Modified` date to send next time (a 304 without one keeps the stored one).
    public var lastModified: String?

    /// A result as the fetcher reports it.
    public init(outcome: Outcome, requestedURL: String, finalURL: String, movedPermanently: String? = nil,
                status: Int, body: Data = Data(), contentType: String? = nil, etag: String? = nil,
                lastModified: String? = nil) {
        self.outcome = outcome
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.movedPermanently = movedPermanently
        self.status = status
        self.body = body
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
    }
}
