import Fetching
import Foundation
import HTTPTestServer
import Testing

/// Error answers: what the user reads, and the Retry-After a scheduler needs.
@Suite("FeedFetcher: error statuses")
struct StatusErrorTests {
    @Test("429 with Retry-After in seconds")
    func tooManyRequests() async throws {
        try await withServer(["/feed.xml": { _ in
            ScriptedResponse(status: 429, headers: [("Retry-After", "120")], body: Array("slow down".utf8))
        }]) { server in
            let error = try await fetchError(server.url("/feed.xml"))
            #expect(error?.kind == .retryLater(status: 429, after: .seconds(120)))
            #expect(error?.retryAfter == .seconds(120))
            #expect(error?.description == "\(server.url("/feed.xml")): error: the server is busy: "
                + "HTTP 429 Too Many Requests; retry after 120 seconds")
        }
    }

    @Test("503 with Retry-After as an HTTP-date")
    func unavailable() async throws {
        try await withServer(["/feed.xml": { _ in
            ScriptedResponse(status: 503, headers: [("Retry-After", "Wed, 18 Nov 2026 08:00:00 GMT")])
        }]) { server in
            let error = try await fetchError(server.url("/feed.xml"))
            let date = Date(timeIntervalSince1970: 1_794_988_800)
            #expect(error?.retryAfter == .date(date))
            #expect(error?.retryAfter?.seconds(from: date.addingTimeInterval(-90)) == 90)
            #expect(error?.description == "\(server.url("/feed.xml")): error: the server is busy: "
                + "HTTP 503 Service Unavailable; retry after Wed, 18 Nov 2026 08:00:00 GMT")
        }
    }

    @Test("503 without Retry-After")
    func unavailableNoHint() async throws {
        try await withServer(["/feed.xml": { _ in ScriptedResponse(status: 503) }]) { server in
            let error = try await fetchError(server.url("/feed.xml"))
            #expect(error?.kind == .retryLater(status: 503, after: nil))
            #expect(error?.reason == "the server is busy: HTTP 503 Service Unavailable; try again later")
        }
    }

    @Test("other 4xx and 5xx name the status", arguments: [
        (404, "HTTP 404 Not Found"), (403, "HTTP 403 Forbidden"), (500, "HTTP 500 Internal Server Error"),
    ])
    func otherStatus(status: Int, text: String) async throws {
        try await withServer(["/feed.xml": { _ in ScriptedResponse(status: status) }]) { server in
            let error = try await fetchError(server.url("/feed.xml"))
            #expect(error?.kind == .status(status))
            #expect(error?.description == "\(server.url("/feed.xml")): error: the server answered \(text)")
        }
    }

    @Test("an error after a redirect names the URL that answered")
    func afterRedirect() async throws {
        try await withServer(["/old": { _ in .redirect(302, to: "/missing") }]) { server in
            let error = try await fetchError(server.url("/old"))
            #expect(error?.description == "\(server.url("/old")): error: the server answered HTTP 404 Not Found "
                + "at \(server.url("/missing"))")
        }
    }

    @Test("only http and https URLs are fetched", arguments: ["ftp://example.com/feed.xml", "file:///etc/passwd", "feed.xml", "http://"])
    func unsupported(url: String) async throws {
        let error = try await fetchError(url)
        #expect(error?.kind == .unsupportedURL)
        #expect(error?.description == "\(url): error: only http and https URLs can be fetched")
    }

    @Test("a port nobody listens on is refused")
    func refused() async throws {
        let server = try await TestHTTPServer.start([:])
        let url = server.url("/feed.xml")
        try await server.shutdown()
        // AsyncHTTPClient retries a refused connection until the connect timeout; on a loaded
        // machine the timeout can come before the last refusal is reported. Either names the URL.
        let error = try await fetchError(url, options: FetchOptions(connectTimeout: .milliseconds(500)))
        #expect([FetchError.Kind.connection, .timeout].contains(error?.kind))
        #expect(["\(url): error: connection refused",
                 "\(url): error: cannot connect within 0.5 seconds (the connect timeout)"].contains(error?.description))
    }
}
