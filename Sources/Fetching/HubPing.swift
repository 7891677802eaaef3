import AsyncHTTPClient
import FeedModel
import Foundation
import NIOCore
import NIOHTTP1

/// Tells a WebSub hub that feeds changed, the way publishers have pinged PubSubHubbub hubs
/// since 0.3 (WebSub leaves publishing to each hub, and Google's, Superfeedr and WordPress's
/// publisher speak this): one `POST` of `hub.mode=publish` with a `hub.url` for each feed,
/// form-encoded. The hub then fetches the feeds and pushes them to their subscribers.
///
/// A ping that fails for a reason that may pass (no connection, a timeout, 429, a 5xx) is sent
/// again after each of `delays`; a hub that refuses it (another 4xx, or a redirect) is not
/// asked again. Each attempt, the answer's body included, takes at most `timeout`.
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
        /// The hub took it (a 2xx) at this attempt, counted from 1; why the attempt before failed.
        case accepted(attempt: Int, lastFailure: String?)
        /// Every attempt failed or the hub refused; the last reason.
        case failed(attempts: Int, reason: String)
    }

    /// The form body: `hub.mode=publish&hub.url=…&hub.url=…`.
    public var body: String {
        (["hub.mode=publish"] + topics.map { "hub.url=" + URLReference.percentEncodingAllButUnreserved($0) }).joined(separator: "&")
    }

    /// Sends the ping, retrying as described; never throws. Its own client: redirects are not
    /// followed (a POST redirected becomes a GET, which publishes nothing), and a refused
    /// connection fails at once instead of being retried until the connect timeout.
    public func send() async -> Outcome {
        let options = FetchOptions(maxBytes: 64 * 1024, connectTimeout: min(timeout, .seconds(10)), totalTimeout: timeout)
        var configuration = FeedFetcher.configuration(for: options)
        configuration.connectionPool.retryConnectionEstablishment = false
        let outcome = try? await HTTPClient.withHTTPClient(configuration: configuration) { client in
            await attempts(with: FeedFetcher(client: client, options: options))
        }
        return outcome ?? .failed(attempts: 0, reason: "the HTTP client could not be started or stopped")
    }

    private func attempts(with fetcher: FeedFetcher) async -> Outcome {
        var attempt = 0
        var reason = ""
        repeat {
            if attempt > 0 {
                do { try await Task.sleep(for: delays[attempt - 1]) } catch { break }
            }
            attempt += 1
            switch await attemptOnce(with: fetcher) {
            case .success: return .accepted(attempt: attempt, lastFailure: attempt == 1 ? nil : reason)
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

    /// One POST, bounded as a whole (the answer's body too) by `timeout`.
    private func attemptOnce(with fetcher: FeedFetcher) async -> Attempt {
        let (hub, body, timeout) = (hub, body, timeout)
        let client = fetcher.client
        do {
            let (status, location, said) = try await fetcher.withTotalTimeout { () async throws -> (Int, String?, String) in
                var request = HTTPClientRequest(url: hub)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                request.headers.add(name: "User-Agent", value: FetchOptions.defaultUserAgent)
                request.body = .bytes(ByteBuffer(string: body))
                let response = try await client.execute(request, timeout: TimeAmount(timeout))
                // The status decides; of the body, only the start of its first line is kept.
                var start: [UInt8] = []
                for try await part in response.body {
                    start += part.readableBytesView.prefix(200 - start.count)
                    if start.count >= 200 { break }
                }
                let line = String(decoding: start, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                return (Int(response.status.code), response.headers.first(name: "Location"), line)
            }
            if (200..<300).contains(status) { return .success }
            if (300..<400).contains(status) {
                return .refused("HTTP \(status): the hub redirects\(location.map { " to \($0)" } ?? ""); put its final URL in websub.hub")
            }
            let reason = "HTTP \(status)" + (said.isEmpty ? "" : ": " + said)
            return status == 429 || status >= 500 ? .retry(reason) : .refused(reason)
        } catch {
            return .retry(FetchError(url: hub, failure: error, options: fetcher.options).reason)
        }
    }
}
