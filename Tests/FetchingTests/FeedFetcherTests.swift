import Fetching
import Foundation
import HTTPTestServer
import Synchronization
import Testing

/// A plain fetch, conditional GETs and compressed bodies.
@Suite("FeedFetcher: fetching")
struct FeedFetcherTests {
    @Test("a 200 brings the body, Content-Type and validators, and the request names feedsmith")
    func ok() async throws {
        let feed = try fixture("feed.xml")
        try await withServer(["/feed.xml": { _ in
            ScriptedResponse(headers: [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", "\"v1\""),
                                       ("Last-Modified", "Mon, 16 Nov 2026 08:00:00 GMT")], body: feed)
        }]) { server in
            let result = try await fetch(server.url("/feed.xml")).get()
            #expect(result.outcome == .fetched)
            #expect(result.status == 200)
            #expect(result.finalURL == server.url("/feed.xml"))
            #expect(result.movedPermanently == nil)
            #expect(Array(result.body) == feed)
            #expect(result.contentType == "application/rss+xml; charset=utf-8")
            #expect(result.etag == "\"v1\"")
            #expect(result.lastModified == "Mon, 16 Nov 2026 08:00:00 GMT")

            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.header("User-Agent") == "feedsmith/0.1.0 (+https://github.com/feedsmith)")
            #expect(request.header("Accept")?.hasPrefix("application/rss+xml, application/atom+xml") == true)
            #expect(request.header("Accept-Encoding") == "gzip, deflate")
            #expect(request.header("If-None-Match") == nil)
            #expect(request.header("If-Modified-Since") == nil)
        }
    }

    @Test("a stored ETag is sent as If-None-Match; the 304 is reported as not modified, with no body")
    func notModifiedByETag() async throws {
        try await withServer(["/feed.xml": { request in
            request.header("If-None-Match") == "\"v1\""
                ? ScriptedResponse(status: 304, headers: [("ETag", "\"v1\"")])
                : .ok("<rss/>")
        }]) { server in
            let result = try await fetch(server.url("/feed.xml"), etag: "\"v1\"").get()
            #expect(result.outcome == .notModified)
            #expect(result.status == 304)
            #expect(result.body.isEmpty)
            #expect(result.etag == "\"v1\"")
            #expect(server.requests.map { $0.header("If-None-Match") } == ["\"v1\""])
        }
    }

    @Test("a stored Last-Modified is sent as If-Modified-Since and kept when the 304 does not repeat it")
    func notModifiedByDate() async throws {
        let date = "Mon, 16 Nov 2026 08:00:00 GMT"
        try await withServer(["/feed.xml": { request in
            request.header("If-Modified-Since") == date ? ScriptedResponse(status: 304) : .ok("<rss/>")
        }]) { server in
            let result = try await fetch(server.url("/feed.xml"), lastModified: date).get()
            #expect(result.outcome == .notModified)
            #expect(result.body.isEmpty)
            #expect(result.lastModified == date)
            #expect(result.etag == nil)
            #expect(server.requests.map { $0.header("If-Modified-Since") } == [date])
        }
    }

    @Test("a changed feed answers the conditional GET with 200 and new validators")
    func modified() async throws {
        try await withServer(["/feed.xml": { _ in
            ScriptedResponse(headers: [("ETag", "\"v2\"")], body: Array("<rss/>".utf8))
        }]) { server in
            let result = try await fetch(server.url("/feed.xml"), etag: "\"v1\"").get()
            #expect(result.outcome == .fetched)
            #expect(result.etag == "\"v2\"")
            #expect(String(decoding: result.body, as: UTF8.self) == "<rss/>")
        }
    }

    @Test("gzip and deflate bodies arrive decompressed", arguments: [("gzip", "feed.xml.gz"), ("deflate", "feed.xml.zlib")])
    func compressed(encoding: String, file: String) async throws {
        let compressed = try fixture(file)
        try await withServer(["/feed.xml": { _ in
            ScriptedResponse(headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", encoding)],
                             body: compressed)
        }]) { server in
            let result = try await fetch(server.url("/feed.xml")).get()
            #expect(Array(result.body) == (try fixture("feed.xml")))
        }
    }

    @Test("one fetcher serves many fetches at once, as merge and aggregate use it")
    func sharedClient() async throws {
        let paths = (1...4).map { "/feed\($0).xml" }
        var routes: [String: TestHTTPServer.Route] = [:]
        for path in paths { routes[path] = { _ in .ok("<rss>\(path)</rss>") } }
        try await withServer(routes) { server in
            let bodies = try await FeedFetcher.withFetcher { fetcher in
                try await withThrowingTaskGroup(of: String.self) { group in
                    for path in paths {
                        group.addTask { String(decoding: try await fetcher.fetch(server.url(path)).body, as: UTF8.self) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(bodies.sorted() == paths.map { "<rss>\($0)</rss>" })
        }
    }

    @Test("a 410 reports the feed as gone")
    func gone() async throws {
        try await withServer(["/feed.xml": { _ in ScriptedResponse(status: 410, body: Array("gone".utf8)) }]) { server in
            let result = try await fetch(server.url("/feed.xml")).get()
            #expect(result.outcome == .gone)
            #expect(result.status == 410)
            #expect(result.body.isEmpty)
        }
    }

    @Test("a fetch ends with its real outcome while every cooperative thread is blocked (as other suites block them)")
    func fetchWhilePoolBlocked() async throws {
        let server = try await TestHTTPServer.start(["/feed.xml": { _ in .ok("<rss version=\"2.0\"><channel/></rss>") }])
        let url = server.url("/feed.xml")
        let width = ProcessInfo.processInfo.activeProcessorCount
        let asleep = DispatchSemaphore(value: 0)
        // Once every pool thread is asleep, a thread of GCD's starts the fetch on OwnThreads.
        let fetching = Mutex<Task<(Int, Duration), any Error>?>(nil)
        let started = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for _ in 0..<width { asleep.wait() }
            let begun = ContinuousClock.now
            fetching.withLock {
                $0 = Task(executorPreference: OwnThreads.shared) {
                    // The fetch, not the client's shutdown after it (AsyncHTTPClient's shutdown
                    // waits for a pool thread, which costs time, not the outcome).
                    try await FeedFetcher.withFetcher(options: FetchOptions(totalTimeout: .seconds(20))) { fetcher in
                        (try await fetcher.fetch(url).status, ContinuousClock.now - begun)
                    }
                }
            }
            started.signal()
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<width {
                group.addTask {
                    asleep.signal()
                    usleep(8_000_000)
                }
            }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                started.wait()
                continuation.resume()
            }
        }
        let (status, took) = try await fetching.withLock { $0! }.value
        #expect(status == 200)
        // The pool's threads sleep 8 s from before `begun`: a fetch that needed them took about
        // that long. One that did not takes milliseconds, or seconds on a loaded machine (2.8 s
        // seen during the whole suite).
        #expect(took < .seconds(6), "the fetch waited for the pool: \(took)")
        try await server.shutdown()
    }
}
