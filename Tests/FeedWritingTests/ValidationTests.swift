import Foundation
import Testing
import TestSupport
import FeedModel
@testable import FeedWriting

/// Independent checks: libxml2's parser and RFC 4287's RELAX NG schema accept what is written.
@Suite struct ValidationTests {
    /// Every XML golden file, so a re-recorded golden cannot be malformed.
    static let goldenXMLFiles = ["rss.xml", "atom.xml", "empty-rss.xml", "empty-atom.xml", "feeds.opml"]

    static func golden(_ name: String) throws -> String {
        let url = Snapshot.bundleFolder.appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test(.disabled(if: Snapshot.isRecording), arguments: goldenXMLFiles)
    func goldenFileIsWellFormed(name: String) throws {
        #expect(try XMLLint.errors(in: Self.golden(name)) == "")
    }

    @Test(.disabled(if: Snapshot.isRecording), arguments: ["atom.xml", "empty-atom.xml"])
    func goldenAtomPassesTheRelaxNGSchema(name: String) throws {
        let schema = XMLLint.atomSchema
        try #require(FileManager.default.fileExists(atPath: schema.path), "no schema at \(schema.path)")
        #expect(try XMLLint.errors(in: Self.golden(name), arguments: ["--relaxng", schema.path]) == "")
    }

    /// The checks can fail: an Atom feed without its `<id>` does not pass the schema.
    @Test func schemaRejectsAFeedWithoutAnID() throws {
        let atom = SampleFeed.document.render(.atom)
            .replacingOccurrences(of: "<id>https://feeds.example.com/atom.xml</id>", with: "")
        #expect(try XMLLint.errors(in: atom) == "")
        #expect(try XMLLint.errors(in: atom, arguments: ["--relaxng", XMLLint.atomSchema.path])
            .contains("Expecting an element id"))
        #expect(try XMLLint.errors(in: "<rss><channel></rss>") != "")
    }

    /// Hostile text in every field still gives valid feeds.
    static func hostileDocument() -> FeedDocument {
        let nasty = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i & < > \" ' ]]> ]]]]> <![CDATA[ x"
        var document = SampleFeed.document
        document.title = nasty
        document.description = nasty
        document.authors = [Author(name: nasty, email: "a&b@example.com", uri: "https://example.com/?a=1&b=<2>")]
        document.articles = SampleFeed.articles.map { article in
            var copy = article
            copy.title = nasty
            copy.summary = nasty
            copy.contentHTML = "<p>" + nasty + "</p>]]>"
            copy.categories.insert(nasty)
            copy.tags.insert("tag \u{1}&")
            return copy
        }
        return document
    }

    @Test(arguments: [FeedFormat.rss, .atom])
    func hostileTextGivesWellFormedFeeds(format: FeedFormat) throws {
        let xml = Self.hostileDocument().render(format)
        #expect(try XMLLint.errors(in: xml) == "")
        #expect(!xml.contains("\u{FFFE}"))
    }

    @Test func hostileTextGivesAValidAtomFeed() throws {
        let xml = Self.hostileDocument().render(.atom)
        #expect(try XMLLint.errors(in: xml, arguments: ["--relaxng", XMLLint.atomSchema.path]) == "")
    }

    @Test func hostileTextGivesValidJSON() throws {
        let json = Self.hostileDocument().render(.json)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(parsed?["title"] as? String == "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i & < > \" ' ]]> ]]]]> <![CDATA[ x")
    }

    @Test func hostileTextGivesWellFormedSitePages() throws {
        let nasty = "x\u{1} & <y> \"z\""
        let pages = SitePages(title: nasty, description: nasty, homePageURL: "https://example.com/?a=1&b=2",
                              language: "zh-CN", feeds: [
            FeedListing(title: nasty, category: nasty, urls: [.rss: "https://example.com/rss.xml?a=1&b=2"],
                        latest: [(nasty, "https://example.com/?q=<1>")]),
        ])
        #expect(try XMLLint.errors(in: pages.opml()) == "")
        #expect(!pages.indexHTML().contains("\u{1}"))
        #expect(pages.indexHTML().contains("<title>x &amp; &lt;y&gt; &quot;z&quot;</title>"))
    }
}
