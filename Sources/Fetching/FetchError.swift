import Foundation

/// A feed that could not be fetched, and why: `url: error: reason`.
public struct FetchError: Error, LocalizedError, Sendable, Hashable {
    /// What kind of failure, for a caller deciding when to try again.
    public enum Kind: Sendable, Hashable {
        /// Not an http or https URL, or a redirect to one.
        case unsupportedURL
        /// No connection: refused, unknown host, TLS, closed early, connect timeout.
        case connection
        /// The total timeout passed before the body was complete.
        case timeout
        /// The body is larger than the size limit.
        case tooLarge
        /// A redirect loop, too many redirects, or a redirect without a usable `Location`.
        case redirect
        /// 429 or 503: the server asks to come back later, maybe saying when.
        case retryLater(status: Int, after: RetryAfter?)
        /// Any other 4xx or 5xx answer (and 1xx/3xx that are not redirects).
        case status(Int)
        /// A body whose gzip or deflate encoding is broken.
        case badEncoding
    }

    /// The URL that was asked for.
    public var url: String
    public var kind: Kind
    /// What went wrong, in words a feed's subscriber would understand.
    public var reason: String

    /// An error fetching `url`.
    public init(url: String, kind: Kind, reason: String) {
        self.url = url
        self.kind = kind
        self.reason = reason
    }

    /// When the server asked to be tried again (429 and 503 with `Retry-After`).
    public var retryAfter: RetryAfter? {
        if case .retryLater(_, let after) = kind { return after }
        return nil
    }

    /// `url: error: reason`.
    public var errorDescription: String? { "\(url): error: \(reason)" }
}

extension FetchError: CustomStringConvertible {
    public var description: String { errorDescription ?? reason }
}
