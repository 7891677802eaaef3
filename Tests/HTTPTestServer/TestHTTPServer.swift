/// HTTPTestServer: a real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, answering each
/// path with a scripted response, so fetching is tested over real sockets.
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A scripted HTTP server; runs on SwiftNIO's event loops, never on the test's threads.
public final class TestHTTPServer: Sendable {
    /// Answers a request.
    public typealias Route = @Sendable (ReceivedRequest) -> ScriptedResponse

    let channel: any Channel
    let script: Script

    /// The port the server listens on.
    public let port: Int

    /// Starts a server answering each path in `routes` (unknown paths get 404).
    public static func start(_ routes: [String: Route]) async throws -> TestHTTPServer {
        let script = Script(routes: routes)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptHandler(script: script))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestHTTPServer(channel: channel, script: script)
    }

    init(channel: any Channel, script: Script) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.script = script
    }

    /// `http://127.0.0.1:PORT/path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received so far, oldest first.
    public var requests: [ReceivedRequest] { script.received.withLockedValue { $0 } }

    /// When the first connection closed, on the server's clock, waiting up to five seconds
    /// for it. Timing taken here, on the event loops, holds however busy the test's own
    /// threads are (other suites can keep them for seconds).
    public func firstClose() async throws -> ContinuousClock.Instant? {
        for _ in 0..<500 {
            if let first = script.closed.withLockedValue({ $0.first }) { return first }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Stops listening (open connections end when their clients hang up).
    public func shutdown() async throws {
        try await channel.close()
    }
}
