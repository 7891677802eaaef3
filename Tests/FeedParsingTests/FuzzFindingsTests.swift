import FeedModel
import FeedWriting
import Foundation
import Testing
import TestSupport
@testable import FeedParsing

/// Every input the parser fuzzer (`scripts/fuzz parser`) found a problem with is kept in
/// `Fixtures/fuzz/` and parsed again here with the fuzz target's options: promptly, to an error
/// with a reason or to a feed that renders as valid JSON Feed (and as RSS and Atom). No run has
/// found one yet: the folder does not exist until one does.
@Suite struct FuzzFindingsTests {
    static let folder = FixtureCorpus.bundleFolder.appendingPathComponent("fuzz")

    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { !$0.hasPrefix(".") }.sorted()

    @Test(arguments: names)
    func findingParsesOrFailsCleanly(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let options = ParseOptions(maxBytes: 1 << 20, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let started = Date()
        let result = Result { () throws(FeedParseError) in
            try FeedParser(options: options).parse(data, url: "https://fuzz.example.com/feed.xml")
        }
        #expect(Date().timeIntervalSince(started) < 2)
        switch result {
        case .failure(let error):
            #expect(!error.reason.trimmingCharacters(in: .whitespaces).isEmpty)
        case .success(let feed):
            #expect(MutationTests.jsonFeedProblems(feed) == [])
            let document = FeedDocument(title: feed.title, description: nil, homePageURL: feed.link ?? "",
                                        selfURLs: [:], language: feed.language, authors: [],
                                        timeZone: TimeZone(identifier: "UTC")!, articles: feed.articles)
            for format in FeedFormat.allCases where format != .json {
                #expect(try XMLLint.errors(in: document.render(format)) == "", "\(format)")
            }
        }
    }
}
