import Fetching
import Foundation
import HTTPTestServer
import Testing

/// The total timeout and the size limit stop a fetch early.
@Suite("FeedFetcher: limits")
struct LimitTests {
    static let short = FetchOptions(totalTimeout: .seconds(1))

    @Test("a server that does not answer in time hits the total timeout")
    func slowAnswer() async throws {
        try await withServer(["/feed.xml": { _ in ScriptedResponse(body: Array("<rss/>".utf8), delay: .seconds(10)) }]) { server in
            let error = try await fetchError(server.url("/feed.xml"), options: Self.short)
            #expect(error?.kind == .timeout)
            // The client hung up about a second after asking, by the server's clock.
            let asked = try #require(server.requests.first).at
            let closed = try #require(try await server.firstClose())
            #expect(closed - asked < .seconds(3))
            #expect(error?.description == "\(server.url("/feed.xml")): error: no complete answer within 1 second (the total timeout)")
        }
    }

    @Test("a body that trickles in past the total timeout is cut off")
    func slowBody() async throws {
        let body = Array(String(repeating: "x", count: 100).utf8)
        try await withServer(["/feed.xml": { _ in
            ScriptedResponse(body: body, pacing: .trickle(pieces: 10, interval: .milliseconds(500)))
        }]) { server in
            let error = try await fetchError(server.url("/feed.xml"), options: Self.short)
            #expect(error?.kind == .timeout)
            // The client hung up about a second in, not after the body's last piece at 5 s.
            let asked = try #require(server.requests.first).at
            let closed = try #require(try await server.firstClose())
            #expect(closed - asked < .seconds(3))
        }
    }

    @Test("an endless body stops at the size limit")
    func endless() async throws {
        let chunk = Array(String(repeating: "<item/>", count: 4096).utf8)
        try await withServer(["/feed.xml": { _ in ScriptedResponse(body: chunk, pacing: .endless) }]) { server in
            let error = try await fetchError(server.url("/feed.xml"), options: FetchOptions(maxBytes: 1024 * 1024))
            #expect(error?.kind == .tooLarge)
            #expect(error?.description == "\(server.url("/feed.xml")): error: the feed is larger than the size limit "
                + "of 1 MiB; reading stopped")
        }
    }

    @Test("a Content-Length over the limit is refused before reading")
    func declaredTooLarge() async throws {
        let body = [UInt8](repeating: 0x20, count: 2000)
        try await withServer(["/feed.xml": { _ in ScriptedResponse(body: body) }]) { server in
            let error = try await fetchError(server.url("/feed.xml"), options: FetchOptions(maxBytes: 1000))
            #expect(error?.description == "\(server.url("/feed.xml")): error: the feed is 2000 bytes, over the size "
                + "limit of 1000 bytes")
        }
    }

    @Test("a gzip body that inflates past the limit is refused")
    func gzipBomb() async throws {
        let bomb = try fixture("zeros.gz")
        try await withServer(["/feed.xml": { _ in
            ScriptedResponse(headers: [("Content-Encoding", "gzip")], body: bomb)
        }]) { server in
            let error = try await fetchError(server.url("/feed.xml"), options: FetchOptions(maxBytes: 1024 * 1024))
            #expect(error?.kind == .tooLarge)
            #expect(error?.description == "\(server.url("/feed.xml")): error: the feed is larger than the size limit "
                + "of 1 MiB once decompressed; reading stopped")
        }
    }
}
