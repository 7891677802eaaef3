import FeedModel
import FeedParsing
import FeedWriting
import Foundation
import Testing
@testable import Posts

/// Every input the posts fuzzer (`scripts/fuzz posts`) found a problem with is kept in
/// `Fixtures/fuzz/` and read again here as the fuzz target reads it: front matter alone and
/// the whole file say the same, an error names a line of the file and a reason, and a published
/// post becomes an article whose feed, in every format, parses back to one item.
@Suite struct FuzzFindingsTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("fuzz")

    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { !$0.hasPrefix(".") }.sorted()

    /// The fuzz target's site, clock and file name.
    static let reader = PostReader(
        configuration: PostsConfiguration(siteURL: "https://fuzz.example.com", timeZone: SiteFixture.shanghai,
                                          now: Instant(secondsSince1970: 253_402_300_799)),
        root: URL(fileURLWithPath: "/fuzz"))
    static let file = PostFile(relativePath: "finance/_posts/2022-01-14-fuzz-post.md", folderCategories: ["finance"])!

    @Test func everyFindingIsKept() {
        #expect(!Self.names.isEmpty, "Fixtures/fuzz/ is empty or missing")
    }

    /// Ten lines of nested aliases name 10⁹ values once expanded; an alias shares its anchor's
    /// value instead, so the post is read at once (it hung the build).
    @Test func nestedAliasesAreNotExpanded() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("yaml-billion-laughs.md")))
        let started = Date()
        let post = try #require(try Self.reader.read(Self.file, contents: bytes).post)
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(post.title == "laughs")
    }

    @Test(arguments: names)
    func findingReadsOrFailsCleanly(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let head = Result { () throws(PostError) in try Self.reader.read(Self.file, contents: bytes, keepingBody: false) }
        let whole = Result { () throws(PostError) in try Self.reader.read(Self.file, contents: bytes) }
        switch (head, whole) {
        case (.failure(let a), .failure(let b)):
            #expect(a == b)
            #expect(!a.reason.isEmpty)
            let lineCount = bytes.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            if let line = a.line { #expect((1...lineCount).contains(line), "line \(line) of a \(lineCount)-line file") }
        case (.success(.unpublished(let a)), .success(.unpublished(let b))):
            #expect(a == b)
        case (.success(.published(var a)), .success(.published(let b))):
            a.body = b.body
            #expect(a == b)
            let document = FeedDocument(title: "Fuzz", description: nil, homePageURL: "https://fuzz.example.com/",
                                        selfURLs: [:], language: "zh-CN", authors: [],
                                        timeZone: SiteFixture.shanghai, articles: [b.article()])
            for format in FeedFormat.allCases {
                let feed = try FeedParser().parse(Data(document.render(format).utf8), url: "https://fuzz.example.com/feed")
                #expect(feed.articles.count == 1, "\(format)")
            }
        default:
            Issue.record("front matter alone gives \(head), the whole file \(whole)")
        }
    }
}
