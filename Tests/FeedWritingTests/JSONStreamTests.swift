import FeedModel
@testable import FeedWriting
import Foundation
import Testing
import TestSupport

/// The streaming JSON Feed writer (used by `feedsmith parse`) must write the bytes the whole-
/// document writer writes, and its string escaping must be JSON's.
struct JSONStreamTests {
    @Test func streamEqualsTheDocumentWriter() {
        let document = FeedDocument(title: "财经 \"news\"", description: nil, homePageURL: "https://example.com/",
                                    selfURLs: [.json: "https://example.com/feed.json"], language: "zh-CN",
                                    authors: [], timeZone: SampleFeed.shanghai, articles: SampleFeed.articles)
        var stream = JSONFeedStream(timeZone: SampleFeed.shanghai)
        let header = JSONFeedStream.Header(title: document.title, homePageURL: document.homePageURL,
                                           feedURL: "https://example.com/feed.json", language: "zh-CN")
        var bytes = Array(stream.begin(header).utf8)
        for article in document.articles { stream.item(article, to: &bytes) }
        bytes += stream.end(header).utf8
        #expect(String(decoding: bytes, as: UTF8.self) == document.render(.json))
    }

    @Test func escapedStringsReadBackAsTheyWere() throws {
        var random = SplitMix64(state: 0x15_0E5C)
        let pieces = ["a", "字", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "“", "—", "📈",
                      "abcdefgh", "\u{E2}", "/", "\u{7F}"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...20, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var bytes: [UInt8] = []
            JSONValue.appendString(text, to: &bytes)
            var string = ""
            JSONValue.appendString(text, to: &string)
            #expect(bytes == Array(string.utf8))
            let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
            #expect(decoded == text, "\(text.debugDescription)")
            #expect(!bytes.contains(where: { $0 < 0x20 }))
        }
    }
}
