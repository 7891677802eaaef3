import Foundation
import NIOHTTP1

/// What the test server answers to one request: a status, headers and a body, sent as scripted.
public struct ScriptedResponse: Sendable {
    /// How the body is sent.
    public enum Pacing: Sendable {
        /// All at once, with a `Content-Length`.
        case whole
        /// In `pieces` chunks, `interval` apart (a slow server).
        case trickle(pieces: Int, interval: Duration)
        /// The body again and again, chunked, until the client hangs up.
        case endless
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Time before the status line is sent.
    public var delay: Duration
    public var pacing: Pacing

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                delay: Duration = .zero, pacing: Pacing = .whole) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.pacing = pacing
    }

    /// A 200 with `text` as the body.
    public static func ok(_ text: String, contentType: String = "application/rss+xml; charset=utf-8") -> Self {
        Self(headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// A redirect with `status` to `location`.
    public static func redirect(_ status: Int, to location: String) -> Self {
        Self(status: status, headers: [("Location", location)], body: Array("moved".utf8))
    }
}

/// A request as the test server received it.
public struct ReceivedRequest: Sendable {
    public var method: String
    public var uri: String
    public var headers: HTTPHeaders
    /// The request's body (a POST's form).
    public var body: [UInt8] = []
    /// When the request had arrived, on the server's clock.
    public var at = ContinuousClock.now

    /// The first value of header `name`, case-insensitively.
    public func header(_ name: String) -> String? { headers.first(name: name) }
}
