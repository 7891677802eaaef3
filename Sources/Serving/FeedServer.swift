/// Serving: the output folder over HTTP for feed readers and browsers, on Hummingbird. Every
/// answer is a file under the folder (never a listing, never a path outside it), with its media
/// type, a strong ETag and Last-Modified, 304s for conditional requests, and gzip when asked.
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `feedsmith serve`: serves `root` until the task is cancelled.
public struct FeedServer: Sendable {
    public var root: URL
    public var host: String
    public var port: Int
    /// Receives one access-log line per request.
    public var log: @Sendable (String) -> Void

    public init(root: URL, host: String = "127.0.0.1", port: Int = 8080,
                log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.root = root
        self.host = host
        self.port = port
        self.log = log
    }

    /// Listens and serves; `ready` gets the port listened on (the one asked for, or the
    /// kernel's choice for port 0).
    public func run(ready: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let responder = OutputResponder(files: OutputFiles(root: root), log: log)
        var logger = Logger(label: "feedsmith.serve")
        logger.logLevel = .error
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "feedsmith"),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await application.runService()
    }
}
