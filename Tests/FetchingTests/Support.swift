import Fetching
import Foundation
import HTTPTestServer
import Testing

/// Runs `body` against a scripted server, then stops the server. The body runs on
/// ``OwnThreads``, off Swift's cooperative pool: other suites block that pool's two threads here
/// (they wait for processes), and a fetch starved of threads for 30 s ended at its total
/// timeout instead of its real outcome.
func withServer<T>(_ routes: [String: TestHTTPServer.Route],
                   _ body: (TestHTTPServer) async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(OwnThreads.shared) {
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
}

/// A task executor on a concurrent dispatch queue of its own, whose threads are not the
/// cooperative pool's: tasks that prefer it (and their child tasks and sleeps) run whatever the
/// other tests of the process are blocking.
final class OwnThreads: TaskExecutor, @unchecked Sendable {
    static let shared = OwnThreads()
    private let queue = DispatchQueue(label: "feedsmith.tests.own-threads", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// One fetch on its own fetcher (and client), as a command run does it.
func fetch(_ url: String, options: FetchOptions = .init(), etag: String? = nil,
           lastModified: String? = nil) async throws -> Result<FetchResult, FetchError> {
    try await withTaskExecutorPreference(OwnThreads.shared) {
        try await fetchHere(url, options: options, etag: etag, lastModified: lastModified)
    }
}

private func fetchHere(_ url: String, options: FetchOptions, etag: String?,
                       lastModified: String?) async throws -> Result<FetchResult, FetchError> {
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
