import Fetching
import Foundation
import HTTPTestServer
import Synchronization
import Testing

/// The WebSub ping against a scripted hub: what is sent, what is retried, what is given up, and
/// how long each attempt may take.
@Suite("WebSub hub ping")
struct HubPingTests {
    static let topics = ["https://finews.example.com/rss.xml", "https://finews.example.com/category/财经/atom.xml?x=1&y=2"]

    /// A hub answering each ping with the next of `answers` (the last repeats).
    static func hub(_ answers: [ScriptedResponse]) -> [String: TestHTTPServer.Route] {
        let count = Mutex(0)
        return ["/hub": { _ in
            answers[count.withLock { count in
                defer { count += 1 }
                return min(count, answers.count - 1)
            }]
        }]
    }

    @Test("one POST of hub.mode=publish with a form-encoded hub.url per feed")
    func form() async throws {
        try await withServer(Self.hub([ScriptedResponse(status: 204)])) { server in
            let outcome = await HubPing(hub: server.url("/hub"), topics: Self.topics).send()
            #expect(outcome == .accepted(attempt: 1, lastFailure: nil))
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(String(decoding: request.body, as: UTF8.self) == "hub.mode=publish"
                + "&hub.url=https%3A%2F%2Ffinews.example.com%2Frss.xml"
                + "&hub.url=https%3A%2F%2Ffinews.example.com%2Fcategory%2F%E8%B4%A2%E7%BB%8F%2Fatom.xml%3Fx%3D1%26y%3D2")
        }
    }

    @Test("429 and 5xx are asked again after each delay; a 2xx with a large page is accepted")
    func retried() async throws {
        let page = ScriptedResponse(status: 200, body: Array(repeating: UInt8(ascii: "x"), count: 100_000))
        try await withServer(Self.hub([ScriptedResponse(status: 429), ScriptedResponse(status: 502), page])) { server in
            let outcome = await HubPing(hub: server.url("/hub"), topics: Self.topics,
                                        delays: [.milliseconds(50), .milliseconds(50)]).send()
            #expect(outcome == .accepted(attempt: 3, lastFailure: "HTTP 502"))
            #expect(server.requests.count == 3)
        }
    }

    @Test("a redirect or a 4xx is given up at once, with the hub's reason")
    func refused() async throws {
        let answers: [String: TestHTTPServer.Route] = [
            "/moved": { _ in .redirect(301, to: "https://hub.example.com/") },
            "/bad": { _ in ScriptedResponse(status: 400, body: Array("hub.url is not a feed\nmore".utf8)) },
        ]
        try await withServer(answers) { server in
            #expect(await HubPing(hub: server.url("/moved"), topics: Self.topics).send()
                    == .failed(attempts: 1, reason: "HTTP 301: the hub redirects to https://hub.example.com/; put its final URL in websub.hub"))
            #expect(await HubPing(hub: server.url("/bad"), topics: Self.topics).send()
                    == .failed(attempts: 1, reason: "HTTP 400: hub.url is not a feed"))
            #expect(server.requests.count == 2, "a redirect was followed")
        }
    }

    @Test("a hub that never answers, or answers its headers then stalls, is cut at the timeout at each attempt")
    func stalls() async throws {
        let answers: [String: TestHTTPServer.Route] = [
            "/silent": { _ in ScriptedResponse(status: 204, delay: .seconds(60)) },
            "/stalls": { _ in ScriptedResponse(status: 200, body: Array("ok".utf8), pacing: .trickle(pieces: 2, interval: .seconds(60))) },
        ]
        try await withServer(answers) { server in
            for path in ["/silent", "/stalls"] {
                let outcome = await HubPing(hub: server.url(path), topics: Self.topics, delays: [.milliseconds(100)],
                                            timeout: .seconds(1)).send()
                // The timeout's reason, not the server's 60 s: each attempt was cut at 1 s.
                #expect(outcome == .failed(attempts: 2, reason: "no complete answer within 1 second (the total timeout)"), "\(path)")
            }
        }
    }

    @Test("a hub that is down fails each attempt at once (the connection is not retried until a timeout)")
    func down() async throws {
        try await withTaskExecutorPreference(OwnThreads.shared) { try await downHere() }
    }

    private func downHere() async throws {
        let gone = try await TestHTTPServer.start([:])
        let url = gone.url("/hub")
        try await gone.shutdown()
        let outcome = await HubPing(hub: url, topics: Self.topics, delays: [.milliseconds(100), .milliseconds(100)]).send()
        guard case .failed(3, let reason) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        // Not "cannot connect within 10 seconds": the refusal ended each attempt at once.
        #expect(reason.hasPrefix("connection refused"), "\(reason)")
    }
}
