import Foundation
import Testing

/// `feedsmith sources import FILE.opml`, on copies of the example site.
@Suite("feedsmith sources import")
struct SourcesImportTests {
    static let opml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>subscriptions</title></head><body>
          <outline text="财经" title="财经">
            <outline type="rss" text="A" xmlUrl="https://a.example/feed.xml"/>
            <outline type="rss" text="B" xmlUrl="http://B.example/rss?utm_source=x&amp;id=1"/>
          </outline>
          <outline type="rss" text="C &quot;quoted&quot;" xmlUrl="https://c.example/atom.xml"/>
          <outline type="rss" text="A again" xmlUrl="https://A.example:443/feed.xml#x"/>
          <outline type="rss" text="mail" xmlUrl="mailto:someone@example.com"/>
        </body></opml>
        """

    @Test("subscriptions are appended to feeds.yml, folders as categories; a second import adds nothing")
    func importsOnce() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try site.write(Self.opml, to: "subs.opml")
        let before = try site.read("feeds.yml")
        let first = try Shell.feedsmith(["sources", "import", "subs.opml"], in: site.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "feeds.yml: 3 source(s) added, 1 already listed\n")
        #expect(first.stderr == "subs.opml: warning: skipped 'mailto:someone@example.com': not an absolute http(s) URL\n")
        #expect(try site.read("feeds.yml") == before + """

            sources:
              - url: "https://a.example/feed.xml"
                categories: ["财经"]
              - url: "http://B.example/rss?utm_source=x&id=1"
                categories: ["财经"]
              - url: "https://c.example/atom.xml"

            """)
        let second = try Shell.feedsmith(["sources", "import", "subs.opml"], in: site.url)
        #expect(second.stdout == "feeds.yml: 0 source(s) added, 4 already listed\n")
        #expect(try site.build().status == 0)
    }

    @Test("new sources go at the end of an existing sources list, indented like it, before later keys")
    func appendsToTheList() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let base = try site.read("feeds.yml")
        try site.write(base + """
            sources:
            - url: https://old.example/feed.xml   # kept as written
              categories: [old]

            # a comment after the list
            canonical: {strip_params: [from]}

            """, to: "feeds.yml")
        try site.write(Self.opml, to: "subs.opml")
        let result = try Shell.feedsmith(["sources", "import", "--site", ".", "subs.opml"], in: site.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try site.read("feeds.yml") == base + """
            sources:
            - url: https://old.example/feed.xml   # kept as written
              categories: [old]
            - url: "https://a.example/feed.xml"
              categories: ["财经"]
            - url: "http://B.example/rss?utm_source=x&id=1"
              categories: ["财经"]
            - url: "https://c.example/atom.xml"

            # a comment after the list
            canonical: {strip_params: [from]}

            """)
    }

    @Test("a file that is not OPML is an error naming it; feeds.yml is unchanged")
    func notOPML() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try site.write("<rss version=\"2.0\"><channel/></rss>", to: "feed.xml")
        let before = try site.read("feeds.yml")
        let result = try Shell.feedsmith(["sources", "import", "feed.xml"], in: site.url)
        #expect(result.status == 2)
        #expect(result.stderr == "feed.xml:1: error: not an OPML file: the root element is <rss>\n")
        #expect(try site.read("feeds.yml") == before)
    }
}
