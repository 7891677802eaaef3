import NIOConcurrencyHelpers

/// The routes, and the requests received so far (connections run on several event loops).
final class Script: Sendable {
    let routes: [String: TestHTTPServer.Route]
    let received = NIOLockedValueBox<[ReceivedRequest]>([])
    /// When each connection closed, on the server's clock.
    let closed = NIOLockedValueBox<[ContinuousClock.Instant]>([])

    init(routes: [String: TestHTTPServer.Route]) {
        self.routes = routes
    }

    func answer(_ request: ReceivedRequest) -> ScriptedResponse {
        received.withLockedValue { $0.append(request) }
        let path = String(request.uri.prefix { $0 != "?" })
        return routes[path]?(request) ?? ScriptedResponse(status: 404, body: Array("not found".utf8))
    }
}
