import Foundation
import Testing
@testable import FeedParsing

/// A prefix declared nowhere (`<dc:creator>` without `xmlns:dc`) is a namespace error, which
/// libxml2 reads past: the feed is read once, the element by the name it was written with, and
/// the warning says so, where it used to send the whole feed through recover mode again and
/// name the namespace error as the reason.
@Suite struct NamespaceErrorTests {
    /// An RSS feed of `count` items, each with an undeclared `dc:creator`; cut inside the next
    /// item when `truncated`.
    func feed(items count: Int, truncated: Bool) -> Data {
        var xml = "<rss version=\"2.0\"><channel><title>t</title>\n"
        for index in 1...count {
            xml += "<item><title>n\(index)</title><link>https://ns.example.com/\(index)</link>"
                + "<dc:creator>Writer \(index)</dc:creator></item>\n"
        }
        xml += truncated ? "<item><title>cut" : "</channel></rss>\n"
        return Data(xml.utf8)
    }

    @Test func undeclaredPrefixesAreReadOnceWithOneWarning() throws {
        let parsed = try FeedParser().parse(feed(items: 3, truncated: false), url: nil)
        #expect(parsed.articles.map(\.title) == ["n1", "n2", "n3"])
        #expect(parsed.articles.map { $0.authors.first?.name } == ["Writer 1", "Writer 2", "Writer 3"])
        #expect(parsed.warnings == [
            "line 2: Namespace prefix dc on creator is not defined; read by the name as written (3 namespace errors in all)",
        ])
    }

    /// More namespace errors than the 50 problems a read keeps, then a cut: the warning names
    /// the cut, which is what stopped the read (it used to name the namespace error, and with
    /// only the first 50 problems kept a cut after them was not reported at all).
    @Test func theErrorThatStoppedTheReadIsNamedAfterManyNamespaceErrors() throws {
        let parsed = try FeedParser().parse(feed(items: 60, truncated: true), url: nil)
        #expect(parsed.articles.map(\.title) == (1...60).map { "n\($0)" })
        #expect(parsed.warnings == [
            "line 2: Namespace prefix dc on creator is not defined; read by the name as written (60 namespace errors in all)",
            "line 62: the document ends with elements still open, as a truncated file does (recovered 60 items)",
        ])
    }

    /// Warnings libxml2 reports even with XML_PARSE_NOWARNING (an XML 1.1 declaration, a
    /// relative namespace URI) are no namespace errors and give no warning.
    @Test func libxml2WarningsAreNotNamespaceErrors() throws {
        let xml = """
            <?xml version="1.1"?>
            <rss version="2.0" xmlns:x="relative"><channel><title>t</title>
            <item><title>a</title><link>https://ns.example.com/a</link></item></channel></rss>
            """
        let parsed = try FeedParser().parse(Data(xml.utf8), url: nil)
        #expect(parsed.articles.map(\.title) == ["a"])
        #expect(parsed.warnings == [])
    }

    /// An OPML file with more namespace errors than the 50 problems kept, then cut short: the
    /// error names the cut (with every problem kept alike, it blamed the encoding).
    @Test func opmlCutAfterManyNamespaceErrorsNamesTheCut() {
        var opml = "<opml version=\"2.0\"><head><title>s</title></head><body>\n"
        for index in 1...60 {
            opml += "<outline type=\"rss\" text=\"F\(index)\" xmlUrl=\"https://f.example/\(index).xml\" app:id=\"\(index)\"/>\n"
        }
        opml += "<outline type=\"rss\" text=\"cut"
        do {
            _ = try OPMLReader.subscriptions(in: Data(opml.utf8), path: "s.opml")
            Issue.record("a cut OPML file was read without an error")
        } catch {
            #expect(error.location == "s.opml")
            #expect(!error.reason.contains("encoding"), "\(error.reason)")
            #expect(error.line == 62)
        }
    }

    /// The subscription lists of `feedsmith sources import` read the same way.
    @Test func opmlWithAnUndeclaredPrefixIsRead() throws {
        let opml = Data("""
            <opml version="2.0"><head><title>s</title></head><body>
            <outline type="rss" text="A" xmlUrl="https://a.example/feed.xml" app:id="7"/>
            </body></opml>
            """.utf8)
        let subscriptions = try OPMLReader.subscriptions(in: opml, path: "s.opml")
        #expect(subscriptions.map(\.url) == ["https://a.example/feed.xml"])
    }
}
