import Foundation
import FeedModel
@testable import Posts

/// The fixture site under `Fixtures/site`, read with a fixed clock, as the publisher reads it.
enum SiteFixture {
    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("site")

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// The fixed "now": 2022-03-01T00:00:00Z. The post dated 2022-03-05 is in the future.
    static let now = instant("2022-03-01T00:00:00Z")

    static func configuration(permalink: String = "date") -> PostsConfiguration {
        PostsConfiguration(siteURL: "https://example.com", timeZone: shanghai, permalink: permalink, now: now)
    }

    static func finder() -> PostFinder {
        PostFinder(root: root, postsFolder: "_posts", exclude: [])
    }

    static func reader(permalink: String = "date") -> PostReader {
        PostReader(configuration: configuration(permalink: permalink), root: root)
    }

    /// The post file at `relativePath`, as the finder found it.
    static func file(_ relativePath: String) -> PostFile? {
        finder().find().posts.first { $0.relativePath == relativePath }
    }

    /// Reads the post file at `relativePath`; nil when it was found but is not published.
    static func post(_ relativePath: String, permalink: String = "date") throws -> Post? {
        guard let file = file(relativePath) else { throw Missing(path: relativePath) }
        switch try reader(permalink: permalink).read(file) {
        case .published(let post): return post
        case .unpublished: return nil
        }
    }

    /// Every found file with what reading it gave: a post, an unpublished reason, or an error.
    static func readAll() -> [String: Result<PostOutcome, PostError>] {
        let reader = reader()
        var outcomes: [String: Result<PostOutcome, PostError>] = [:]
        for file in finder().find().posts {
            outcomes[file.relativePath] = Result { () throws(PostError) in try reader.read(file) }
        }
        return outcomes
    }

    struct Missing: Error {
        var path: String
    }
}

/// An instant written in ISO 8601, read by Foundation rather than by the code under test.
func instant(_ iso: String) -> Instant {
    let date = ISO8601DateFormatter().date(from: iso)!
    return Instant(secondsSince1970: Int64(date.timeIntervalSince1970))
}

extension PostOutcome {
    var post: Post? {
        if case .published(let post) = self { return post }
        return nil
    }

    var unpublishedReason: String? {
        if case .unpublished(let reason) = self { return reason }
        return nil
    }
}
