import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Tells a WebSub hub that feeds changed, the way publishers have pinged PubSubHubbub hubs
/// since 0.3 (WebSub leaves publishing to each hub, and Google's, Superfeedr and WordPress's
/// publisher speak this): one `POST` of `hub.mode=publish` with a `hub.url` for each feed,
/// form-encoded. The hub then fetches the feeds and pushes them to their subscribers.
///
/// A ping that fails for a reason that may pass (no connection, a timeout, 429, a 5xx) is sent
/// again after each of `delays`; a hub that refuses it (another 4xx) is not asked again.
public struct HubPing: Sendable {
    public var hub: String
    /// The feeds that changed, by the URLs they are served at (their `rel="self"`).
    public var topics: [String]
    /// Waits before the second, third, … attempt.
    public var delays: [Duration]
    /// How long one attempt may take.
    public var timeout: Duration

    public init(hub: String, topics: [String], delays: [Duration] = [.seconds(1), .seconds(2), .seconds(4)],
                timeout: Duration = .seconds(10)) {
        self.hub = hub
        self.topics = topics
        self.delays = delays
        self.timeout = timeout
    }

    /// What became of a ping.
    public enum Outcome: Sendable, Equatable {
        /// The hub took it (a 2xx) at this attempt, counted from 1.
        case accepted(attempt: Int)
        /// Every attempt failed or the hub refused; the last reason.
        case failed(attempts: Int, reason: String)
    }

    /// The form body: `hub.mode=publish&hub.url=…&hub.url=…`.
    public var body: String {
        (["hub.mode=publish"] + topics.map { "hub.url=" + Self.formEncoded($0) }).joined(separator: "&")
    }

    /// Sends the ping, retrying as described; never throws.
    public func send() async -> Outcome {
        var attempt = 0
        var reason = ""
        repeat {
            if attempt > 0 {
                do { try await Task.sleep(for: delays[attempt - 1]) } catch { break }
            }
            attempt += 1
            switch await attemptOnce() {
            case .success: return .accepted(attempt: attempt)
            case .retry(let why): reason = why
            case .refused(let why): return .failed(attempts: attempt, reason: why)
            }
        } while attempt <= delays.count
        return .failed(attempts: attempt, reason: reason)
    }

    private enum Attempt {
        case success
        case retry(String)
        case refused(String)
    }

    private func attemptOnce() async -> Attempt {
        var request = HTTPClientRequest(url: hub)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "User-Agent", value: FetchOptions.defaultUserAgent)
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: TimeAmount(timeout))
            let text = try await response.body.collect(upTo: 4096)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .success }
            let said = String(buffer: text).split(whereSeparator: \.isNewline).first.map { ": " + $0.prefix(200) } ?? ""
            let reason = "HTTP \(status)\(said)"
            return status == 429 || status >= 500 ? .retry(reason) : .refused(reason)
        } catch {
            return .retry(Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout {
            return "no answer within the timeout"
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }

    /// `application/x-www-form-urlencoded`: unreserved characters as they are, the rest as %XX.
    static func formEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
