import Foundation
import FeedParsing
import Fetching

/// `feedsmith parse URL`: the feed fetched once, then parsed as a file is.
extension FeedInspector {
    /// Whether `source` names a URL (`scheme://…`) rather than a file.
    public static func isURL(_ source: String) -> Bool {
        source.range(of: "^[A-Za-z][A-Za-z0-9+.-]*://", options: .regularExpression) != nil
    }

    /// The JSON Feed text and warnings for `source`: fetched when it is a URL (`scheme://…`),
    /// read from disk otherwise.
    public func jsonFeed(from source: String, fetchOptions: FetchOptions = .init()) async throws(SiteError)
        -> (json: String, warnings: [String]) {
        guard FeedInspector.isURL(source) else {
            return try jsonFeed(of: source)
        }
        return try await jsonFeed(ofURL: source, fetchOptions: fetchOptions)
    }

    /// The JSON Feed text and warnings for the feed at `url`, fetched with one GET (the size limit
    /// is ``options``' `maxBytes`).
    public func jsonFeed(ofURL url: String, fetchOptions: FetchOptions = .init()) async throws(SiteError)
        -> (json: String, warnings: [String]) {
        var fetchOptions = fetchOptions
        fetchOptions.maxBytes = options.maxBytes
        let result = try await fetch(url, fetchOptions)
        switch result.outcome {
        case .fetched:
            break
        case .gone:
            throw SiteError(path: url, reason: "the feed is gone (HTTP 410 Gone): its publisher removed it")
        case .notModified:
            throw SiteError(path: url, reason: "the server answered HTTP 304 Not Modified to a request that was not conditional")
        }
        let parsed: ParsedFeed
        do {
            parsed = try FeedParser(options: options).parse(result.body, url: result.finalURL,
                                                            contentType: result.contentType)
        } catch {
            throw SiteError(path: error.location, line: error.line, reason: error.reason)
        }
        var rendered = render(parsed, source: result.finalURL)
        if let moved = result.movedPermanently {
            rendered.warnings.insert("\(url): warning: moved permanently to \(moved); use the new URL", at: 0)
        }
        return rendered
    }
}

private extension FeedInspector {
    func fetch(_ url: String, _ fetchOptions: FetchOptions) async throws(SiteError) -> FetchResult {
        let outcome: Result<FetchResult, FetchError>
        do {
            outcome = try await FeedFetcher.withFetcher(options: fetchOptions) { fetcher in
                do throws(FetchError) { return .success(try await fetcher.fetch(url)) } catch { return .failure(error) }
            }
        } catch {
            throw SiteError(path: url, reason: "cannot shut the HTTP client down: \(error)")
        }
        switch outcome {
        case .success(let result): return result
        case .failure(let error): throw SiteError(path: error.url, reason: error.reason)
        }
    }
}
