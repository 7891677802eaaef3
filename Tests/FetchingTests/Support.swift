import Fetching
import Foundation
import HTTPTestServer
import Testing

/// Runs `body` against a scripted server, then stops the server.
func withServer<T>(_ routes: [String: TestHTTPServer.Route],
                   _ body: (TestHTTPServer) async throws -> T) async throws -> T {
    let server = try await TestHTTPServer.start(routes)
    do {
        let result = try await body(server)
        try await server.shutdown()
        return result
    } catch {
        try? await server.shutdown()
        throw error
    }
}

/// One fetch on its own fetcher (and client), as a command run does it.
func fetch(_ url: String, options: FetchOptions = .init(), etag: String? = nil,
           lastModified: String? = nil) async throws -> Result<FetchResult, FetchError> {
    try await FeedFetcher.withFetcher(options: options) { fetcher in
        do throws(FetchError) {
            return .success(try await fetcher.fetch(url, etag: etag, lastModified: lastModified))
        } catch {
            return .failure(error)
        }
    }
}

/// The error a fetch that must fail ends with.
func fetchError(_ url: String, options: FetchOptions = .init(),
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> FetchError? {
    switch try await fetch(url, options: options) {
    case .success(let result):
        Issue.record("expected an error, got HTTP \(result.status)", sourceLocation: sourceLocation)
        return nil
    case .failure(let error):
        return error
    }
}

/// The bytes of `Fixtures/name`.
func fixture(_ name: String) throws -> [UInt8] {
    let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    return Array(try Data(contentsOf: url))
}
