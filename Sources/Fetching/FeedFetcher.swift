/// Fetching: one GET of a feed URL, as a well-behaved feed reader does it — conditional,
/// compressed, redirects followed and reported, bounded in size and time.
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches feeds over one shared `HTTPClient`.
public struct FeedFetcher: Sendable {
    /// The limits and headers every fetch uses.
    public let options: FetchOptions
    let client: HTTPClient

    /// A fetcher on `client`, which should be configured by ``configuration(for:)``.
    public init(client: HTTPClient, options: FetchOptions = .init()) {
        self.client = client
        self.options = options
    }

    /// Runs `body` with a fetcher on a new client, and shuts the client down afterwards, whether
    /// `body` throws or not. Use one per process (a command run) and share it.
    public static func withFetcher<Result>(
        options: FetchOptions = .init(), isolation: isolated (any Actor)? = #isolation,
        _ body: (FeedFetcher) async throws -> Result
    ) async throws -> Result {
        try await HTTPClient.withHTTPClient(configuration: configuration(for: options)) { client in
            try await body(FeedFetcher(client: client, options: options))
        }
    }

    /// The client settings the fetcher relies on: no automatic redirects (the fetcher follows
    /// them itself to report permanent moves), gzip and deflate limited to `maxBytes`.
    public static func configuration(for options: FetchOptions) -> HTTPClient.Configuration {
        HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(options.connectTimeout), read: TimeAmount(options.totalTimeout)),
            decompression: .enabled(limit: .size(options.maxBytes)))
    }

    /// GETs `url`, sending `etag` as `If-None-Match` and `lastModified` as `If-Modified-Since`
    /// when given; follows up to ``FetchOptions/maxRedirects`` redirects.
    public func fetch(_ url: String, etag: String? = nil, lastModified: String? = nil) async throws(FetchError)
        -> FetchResult {
        guard Self.isFetchable(url) else {
            throw FetchError(url: url, kind: .unsupportedURL, reason: "only http and https URLs can be fetched")
        }
        let operation = FetchOperation(fetcher: self, requestedURL: url, etag: etag, lastModified: lastModified)
        do {
            return try await withTotalTimeout { try await operation.run() }
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError(url: url, failure: error, options: options)
        }
    }
}

extension FeedFetcher {
    /// An absolute http or https URL with a host.
    static func isFetchable(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else { return false }
        return true
    }

    /// Runs `operation`, cancelling it when the total timeout passes first.
    func withTotalTimeout<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let timeout = options.totalTimeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let value = try await group.next() ?? nil else { throw TotalTimeout() }
            return value
        }
    }
}

/// The total timeout passed.
struct TotalTimeout: Error {}
