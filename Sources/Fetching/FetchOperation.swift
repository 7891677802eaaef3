import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One fetch: the GET, each redirect hop, and the body read within the size limit.
struct FetchOperation: Sendable {
    let fetcher: FeedFetcher
    let requestedURL: String
    let etag: String?
    let lastModified: String?

    var options: FetchOptions { fetcher.options }

    func run() async throws -> FetchResult {
        var current = requestedURL
        var visited = [requestedURL]
        var allPermanent = true
        while true {
            let response = try await fetcher.client.execute(request(for: current),
                                                            timeout: TimeAmount(options.totalTimeout))
            let status = Int(response.status.code)
            guard Self.redirectStatuses.contains(status) else {
                return try await finish(response, at: current, movedPermanently: visited.count > 1 && allPermanent)
            }
            await discard(response.body)
            let next = try redirectTarget(of: response, from: current)
            if visited.contains(next) {
                throw error(.redirect, "redirect loop: \((visited + [next]).joined(separator: " → "))")
            }
            if visited.count > options.maxRedirects {
                throw error(.redirect, "too many redirects (more than \(options.maxRedirects)); the last one was to \(next)")
            }
            if status != 301 && status != 308 { allPermanent = false }
            visited.append(next)
            current = next
        }
    }
}

private extension FetchOperation {
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    func request(for url: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: options.userAgent)
        request.headers.add(name: "Accept", value: options.accept)
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        return request
    }

    func error(_ kind: FetchError.Kind, _ reason: String) -> FetchError {
        FetchError(url: requestedURL, kind: kind, reason: reason)
    }

    /// The `Location` resolved against the URL that sent it.
    func redirectTarget(of response: HTTPClientResponse, from url: String) throws(FetchError) -> String {
        let status = Self.describe(response.status)
        guard let location = response.headers.first(name: "Location")?.trimmingCharacters(in: .whitespaces),
              !location.isEmpty else {
            throw error(.redirect, "\(status) redirect without a Location header")
        }
        guard let resolved = URL(string: location, relativeTo: URL(string: url))?.absoluteString else {
            throw error(.redirect, "\(status) redirect to an unreadable Location '\(location)'")
        }
        guard FeedFetcher.isFetchable(resolved) else {
            throw error(.unsupportedURL, "redirected to \(resolved), which is not an http or https URL")
        }
        return resolved
    }

    /// The answer after the last redirect: a feed, not modified, gone, or an error.
    func finish(_ response: HTTPClientResponse, at url: String, movedPermanently: Bool) async throws -> FetchResult {
        let status = Int(response.status.code)
        let headers = response.headers
        var result = FetchResult(outcome: .fetched, requestedURL: requestedURL, finalURL: url,
                                 movedPermanently: movedPermanently ? url : nil, status: status,
                                 contentType: headers.first(name: "Content-Type"),
                                 etag: headers.first(name: "ETag"), lastModified: headers.first(name: "Last-Modified"))
        let at = url == requestedURL ? "" : " at \(url)"
        switch status {
        case 200..<300:
            result.body = try await readBody(response, at: at)
        case 304:
            await discard(response.body)
            result.outcome = .notModified
            result.etag = result.etag ?? etag
            result.lastModified = result.lastModified ?? lastModified
        case 410:
            await discard(response.body)
            result.outcome = .gone
        case 429, 503:
            await discard(response.body)
            let after = headers.first(name: "Retry-After").flatMap(RetryAfter.init(header:))
            let when = after.map { "; retry after \($0)" } ?? "; try again later"
            throw error(.retryLater(status: status, after: after),
                        "the server is busy: \(Self.describe(response.status))\(at)\(when)")
        default:
            await discard(response.body)
            throw error(.status(status), "the server answered \(Self.describe(response.status))\(at)")
        }
        return result
    }

    /// The whole body, refused as soon as it passes the size limit.
    func readBody(_ response: HTTPClientResponse, at: String) async throws -> Data {
        let limit = options.maxBytes
        let encoded = response.headers.contains(name: "Content-Encoding")
        if !encoded, let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
            throw error(.tooLarge, "the feed\(at) is \(length) bytes, over the size limit of \(options.sizeLimitText)")
        }
        var body = ByteBuffer()
        for try await chunk in response.body {
            guard body.readableBytes + chunk.readableBytes <= limit else {
                throw error(.tooLarge, "the feed\(at) is larger than the size limit of \(options.sizeLimitText); reading stopped")
            }
            body.writeImmutableBuffer(chunk)
        }
        return Data(body.readableBytesView)
    }

    /// Reads and drops a small body (a redirect's or an error page) so the connection can be
    /// reused; stops reading, which closes the connection, past 64 KiB.
    func discard(_ body: HTTPClientResponse.Body) async {
        var read = 0
        do {
            for try await chunk in body {
                read += chunk.readableBytes
                if read > 64 * 1024 { return }
            }
        } catch {}
    }

    /// `HTTP 404 Not Found`, with the standard reason phrase whatever the server sent.
    static func describe(_ status: HTTPResponseStatus) -> String {
        let phrase = HTTPResponseStatus(statusCode: Int(status.code)).reasonPhrase
        return phrase.isEmpty ? "HTTP \(status.code)" : "HTTP \(status.code) \(phrase)"
    }

}
