import Fetching
import HTTPTestServer
import Testing

/// Redirects: followed up to five, loops refused, permanent moves reported.
@Suite("FeedFetcher: redirects")
struct RedirectTests {
    @Test("a 301 then 308 chain is a permanent move to the final URL")
    func permanentChain() async throws {
        try await withServer([
            "/old": { _ in .redirect(301, to: "/older") },
            "/older": { _ in .redirect(308, to: "/feed.xml") },
            "/feed.xml": { _ in .ok("<rss/>") },
        ]) { server in
            let result = try await fetch(server.url("/old")).get()
            #expect(result.requestedURL == server.url("/old"))
            #expect(result.finalURL == server.url("/feed.xml"))
            #expect(result.movedPermanently == server.url("/feed.xml"))
            #expect(server.requests.map(\.uri) == ["/old", "/older", "/feed.xml"])
        }
    }

    @Test("a chain with a temporary 302 in it is followed but not a permanent move")
    func temporaryInChain() async throws {
        try await withServer([
            "/old": { _ in .redirect(301, to: "/today") },
            "/today": { _ in .redirect(302, to: "/feed.xml") },
            "/feed.xml": { _ in .ok("<rss/>") },
        ]) { server in
            let result = try await fetch(server.url("/old")).get()
            #expect(result.finalURL == server.url("/feed.xml"))
            #expect(result.movedPermanently == nil)
        }
    }

    @Test("conditional headers go along the redirects")
    func conditionalThroughRedirect() async throws {
        try await withServer([
            "/old": { _ in .redirect(301, to: "/feed.xml") },
            "/feed.xml": { request in
                request.header("If-None-Match") == "\"v1\"" ? ScriptedResponse(status: 304) : .ok("<rss/>")
            },
        ]) { server in
            let result = try await fetch(server.url("/old"), etag: "\"v1\"").get()
            #expect(result.outcome == .notModified)
            #expect(result.movedPermanently == server.url("/feed.xml"))
        }
    }

    @Test("a redirect loop is an error that shows the loop")
    func loop() async throws {
        try await withServer([
            "/a": { _ in .redirect(302, to: "/b") },
            "/b": { _ in .redirect(302, to: "/a") },
        ]) { server in
            let error = try await fetchError(server.url("/a"))
            #expect(error?.kind == .redirect)
            #expect(error?.description == "\(server.url("/a")): error: redirect loop: "
                + "\(server.url("/a")) → \(server.url("/b")) → \(server.url("/a"))")
        }
    }

    @Test("five redirects are followed, a sixth is an error")
    func tooMany() async throws {
        var routes: [String: TestHTTPServer.Route] = ["/6": { _ in .ok("<rss/>") }]
        for hop in 0..<6 { routes["/\(hop)"] = { _ in .redirect(301, to: "/\(hop + 1)") } }
        try await withServer(routes) { server in
            let five = try await fetch(server.url("/1")).get()
            #expect(five.finalURL == server.url("/6"))

            let error = try await fetchError(server.url("/0"))
            #expect(error?.description == "\(server.url("/0")): error: too many redirects (more than 5); "
                + "the last one was to \(server.url("/6"))")
        }
    }

    @Test("a redirect without a Location, or to another scheme, is an error")
    func badLocation() async throws {
        try await withServer([
            "/nowhere": { _ in ScriptedResponse(status: 302) },
            "/ftp": { _ in .redirect(301, to: "ftp://example.com/feed.xml") },
        ]) { server in
            let nowhere = try await fetchError(server.url("/nowhere"))
            #expect(nowhere?.description == "\(server.url("/nowhere")): error: HTTP 302 Found redirect without a Location header")
            let ftp = try await fetchError(server.url("/ftp"))
            #expect(ftp?.description == "\(server.url("/ftp")): error: redirected to ftp://example.com/feed.xml, "
                + "which is not an http or https URL")
        }
    }
}
