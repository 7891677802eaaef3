import FeedModel
import Foundation
import Testing
@testable import FeedParsing

/// What libxml2's SAX2 events could change against a tree-building reader, pinned down.
@Suite struct SAXStreamTests {
    func parse(_ xml: String) throws -> ParsedFeed {
        try FeedParser().parse(Data(xml.utf8), url: nil)
    }

    /// An element whose prefix is declared nowhere keeps its prefixed name, as it reads
    /// without namespaces: `<x:div>` is not the `div` that wraps Atom XHTML content, and `<x:p>`
    /// is no paragraph; the cleaner keeps their text as it does for any element it does not know.
    @Test func undeclaredPrefixIsNotTheXHTMLWrapper() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><id>urn:a</id><link href="https://example.com/a"/><title>a</title>
            <content type="xhtml"><x:div>inner</x:div></content></entry>
            <entry><id>urn:b</id><link href="https://example.com/b"/><title>b</title>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a<x:p>b</x:p></p></div></content></entry></feed>
            """)
        #expect(feed.articles.map(\.contentHTML) == ["inner", "<p>ab</p>"])
    }

    /// Only what the document wrote counts: an `<!ATTLIST>` default in the DOCTYPE does not
    /// turn a permalink guid into an identifier.
    @Test func doctypeAttributeDefaultsAreIgnored() throws {
        let feed = try parse("""
            <!DOCTYPE rss [<!ATTLIST guid isPermaLink CDATA "false">]>
            <rss version="2.0"><channel><title>t</title>
            <item><title>a</title><guid>https://example.com/a</guid></item></channel></rss>
            """)
        #expect(feed.articles.first?.canonicalURL == "https://example.com/a")
        #expect(feed.articles.first?.link == "https://example.com/a")
    }

    /// `<br></br>` in XHTML content is one line break, as `<br/>` is (HTML reads `</br>` as a
    /// second `<br>`).
    @Test func emptyVoidElementWrittenInFullIsOneBreak() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><id>urn:a</id><link href="https://example.com/a"/><title>a</title>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">one<br></br>two<br/>three</div></content>
            </entry></feed>
            """)
        #expect(feed.articles.first?.contentHTML == "one<br />two<br />three")
    }
}
