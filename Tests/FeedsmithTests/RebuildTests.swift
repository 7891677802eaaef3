import Foundation
import Testing

/// Cron runs: nothing changed writes nothing; a new post changes only the feeds it enters.
@Suite("Rebuilds")
struct RebuildTests {
    @Test("a second build with nothing changed rewrites no file")
    func unchangedBuildWritesNothing() async throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let before = try site.outputTimes()
        try await Task.sleep(for: .milliseconds(1_100))
        let again = try site.build()
        #expect(again.status == 0)
        #expect(again.stdout == "feedsmith: 0 file(s) written, 24 unchanged\n")
        #expect(try site.outputTimes() == before)
    }

    @Test("a new post appears first in the site and category feeds; other categories are untouched")
    func newPostAppears() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let before = try site.outputTimes()
        try site.write("""
            ---
            title: 新增一篇
            date: 2022-03-01 08:00:00 +0800
            categories: caixin
            ---
            新的**正文**。
            """, to: "_posts/2022-03-01-xinzeng.md")
        let result = try site.build()
        #expect(result.status == 0)
        let feeds = try ParsedFeed.parse(["rss.xml", "category/caixin/atom.xml"].map { site.output.appendingPathComponent($0) })
        for feed in feeds {
            #expect(feed.entries.first?.title == "新增一篇")
            #expect(feed.entries.first?.link == "https://finews.withounder.com/caixin/2022/03/01/xinzeng.html")
        }
        let after = try site.outputTimes()
        #expect(after["category/zhengquanribao/rss.xml"] == before["category/zhengquanribao/rss.xml"])
        #expect(after["category/caixin/rss.xml"] != before["category/caixin/rss.xml"])
        #expect(!site.outputFiles().contains { $0.contains(".tmp") }, "a temporary file was left behind")
    }

    @Test("two builds of the same site in different folders give identical bytes")
    func deterministic() throws {
        let first = try SiteFolder("minimal"), second = try SiteFolder("minimal")
        defer { first.remove(); second.remove() }
        #expect(try first.build().status == 0)
        #expect(try second.build().status == 0)
        #expect(first.outputFiles() == second.outputFiles())
        for path in first.outputFiles() {
            #expect(try first.read("output/" + path) == second.read("output/" + path))
        }
    }

    @Test("a zoneless date is read in the site's zone, across a daylight-saving change")
    func daylightSaving() throws {
        let site = try SiteFolder("minimal")
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let rss = try site.read("output/rss.xml")
        #expect(rss.contains("<pubDate>Sun, 26 Mar 2023 03:30:00 +0200</pubDate>"))
        #expect(rss.contains("<pubDate>Mon, 02 Jan 2023 00:00:00 +0100</pubDate>"))
        let atom = try site.read("output/category/notes/atom.xml")
        #expect(atom.contains("<published>2023-03-26T03:30:00+02:00</published>"))
        // Document-relative links resolve against the post's own URL; scripts are gone.
        #expect(rss.contains("http://example.org/blog/notes/2023/03/img/c.png"))
        #expect(!rss.contains("alert(1)"))
    }
}
