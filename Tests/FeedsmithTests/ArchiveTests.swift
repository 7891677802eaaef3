import Foundation
import TestSupport
import Testing

/// RFC 5005 archived feeds (`feeds.archive: true`): a reader that follows `prev-archive` from a
/// subscription document backfills every item, and archive pages do not change as new posts come.
@Suite("Archived feeds (RFC 5005)")
struct ArchiveTests {
    static let siteURL = "https://finews.withounder.com/"

    /// One document met while walking a feed's archives, as feedparser reads it.
    struct Document: Decodable {
        var url: String
        var bozo: Bool
        var ids: [String]
        var published: [Int?]
        var links: [String: String]
        var isArchive: Bool
    }

    /// Walks each feed from its subscription document along `prev-archive` with feedparser
    /// (files served from output/ stand in for their URLs), then back along `next-archive`.
    static func walk(_ output: URL, from starts: [String]) throws -> [[Document]] {
        let script = """
            import feedparser, json, sys, time, calendar
            root, base = sys.argv[1], sys.argv[2]
            def read(url):
                raw = open(root + '/' + url[len(base):], 'rb').read()
                feed = feedparser.parse(raw)
                return dict(url=url, bozo=bool(feed.bozo), ids=[e.get('id') for e in feed.entries],
                    published=[calendar.timegm(e.published_parsed) if e.get('published_parsed') else None for e in feed.entries],
                    links={l['rel']: l['href'] for l in feed.feed.get('links', []) if l.get('rel') not in ('alternate',)},
                    isArchive=b'<fh:archive' in raw)
            walks = []
            for start in sys.argv[3:]:
                docs, url, seen = [], start, set()
                while url and url not in seen and len(docs) < 1000:
                    seen.add(url); doc = read(url); docs.append(doc); url = doc['links'].get('prev-archive')
                walks.append(docs)
            print(json.dumps(walks))
            """
        let result = try Shell.run("python3", ["-c", script, output.path, siteURL] + starts.map { siteURL + $0 })
        guard result.status == 0 else { throw CheckFailure(message: "feedparser walk failed: \(result.stderr)") }
        return try JSONDecoder().decode([[Document]].self, from: Data(result.stdout.utf8))
    }

    static func site(limit: Int, archive: Bool) throws -> SiteFolder {
        let site = try SiteFolder("example")
        let text = try site.read("feeds.yml").replacingOccurrences(
            of: "feeds: {limit: 20, formats: [rss, atom, json]}",
            with: "feeds: {limit: \(limit), formats: [rss, atom, json]\(archive ? ", archive: true" : "")}")
        try site.write(text, to: "feeds.yml")
        return site
    }

    /// The subscription documents of `format` under output/ (not archive pages).
    static func subscriptions(_ site: SiteFolder, _ file: String) -> [String] {
        site.outputFiles().filter { $0.hasSuffix(file) && !$0.contains("archive/") }
    }

    @Test("following prev-archive from each subscription document gives every item of the feed once per page, oldest page first, and next-archive leads back",
          arguments: ["rss.xml", "atom.xml"])
    func readerBackfillsEverything(file: String) async throws {
        let limit = 3
        let site = try Self.site(limit: limit, archive: true)
        let whole = try Self.site(limit: 100_000, archive: false)
        defer { site.remove(); whole.remove() }
        #expect(try await offThePool { try site.build() }.status == 0)
        #expect(try await offThePool { try whole.build() }.status == 0)

        let starts = Self.subscriptions(site, file)
        #expect(starts.count == 7)
        let walks = try await offThePool { try Self.walk(site.output, from: starts) }
        var pagesSeen = 0
        for (start, walk) in zip(starts, walks) {
            // Every item the feed has, newest first, as a feed without a limit lists them.
            let all = try JSONFeed.load(whole.output.appendingPathComponent(
                start.replacingOccurrences(of: file, with: "feed.json"))).items.map(\.id)
            let pages = Array(walk.dropFirst())
            #expect(pages.count == all.count / limit, "\(start)")
            pagesSeen += pages.count
            let subscription = walk[0]
            #expect(!subscription.isArchive && subscription.links["current"] == nil && subscription.links["next-archive"] == nil)
            #expect(subscription.ids == Array(all.prefix(limit)), "\(start): the subscription document holds the newest")
            // Pages newest to oldest as walked; reversed, page 1 is the oldest `limit` items.
            for (number, page) in zip(stride(from: pages.count, through: 1, by: -1), pages) {
                let folder = start.replacingOccurrences(of: file, with: "") + "archive/\(number)/"
                #expect(page.url == Self.siteURL + folder + file)
                #expect(page.isArchive, "\(page.url) has no fh:archive")
                #expect(!page.bozo, "\(page.url)")
                #expect(page.links["self"] == page.url)
                #expect(page.links["current"] == Self.siteURL + start)
                let end = all.count - (number - 1) * limit
                #expect(page.ids == Array(all[(end - limit)..<end]), "\(page.url) does not hold its \(limit) items")
                #expect(page.links["next-archive"] == (number < pages.count ? Self.siteURL + folder.replacingOccurrences(
                    of: "archive/\(number)/", with: "archive/\(number + 1)/") + file : nil))
            }
            #expect(pages.last?.links["prev-archive"] == nil, "\(start): the oldest page links to no older one")
            // Every item is in some document: the pages cover all but the newest few, which the
            // subscription document holds.
            let union = Set(walk.flatMap(\.ids))
            #expect(union == Set(all), "\(start)")
            if file == "atom.xml" {
                for page in walk {
                    let path = site.output.appendingPathComponent(String(page.url.dropFirst(Self.siteURL.count)))
                    #expect(try XMLLint.problems(path, relaxNG: XMLLint.atomSchema) == "", "\(page.url)")
                }
            }
        }
        #expect(pagesSeen == 8, "the example site has 4 pages for the whole site and 4 in its categories")
        // JSON Feed: next_url leads to the same pages, older each time.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: site.output.appendingPathComponent("feed.json"))) as? [String: Any]
        #expect(json?["next_url"] as? String == Self.siteURL + "archive/4/feed.json")
        // In a browser, an archive page offers its subscription document to subscribe to.
        let page = site.output.appendingPathComponent("category/caixin/archive/1/" + file)
        let html = try Shell.run("xsltproc", [site.output.appendingPathComponent("feed.xsl").path, page.path])
        #expect(html.stdout.contains("value=\"\(Self.siteURL)category/caixin/\(file)\""), "\(html.stdout.prefix(3000))")
        // The pages a person sees list the feeds, not their archives.
        let index = try site.read("output/index.html") + site.read("output/feeds.opml")
        #expect(!index.contains("archive/"))
    }

    @Test("archive pages keep their items as newer posts come: old pages are byte-equal, but for the newest gaining its next-archive link")
    func pagesAreStable() async throws {
        let site = try Self.site(limit: 3, archive: true)
        defer { site.remove() }
        #expect(try await offThePool { try site.build() }.status == 0)
        let before = try site.outputBytes().filter { $0.key.contains("archive/") && !$0.key.hasSuffix("/.pages") }
        #expect(before.count == 24)

        // The site publishes 13 posts (4 pages of 3); two more make its fifth page, and their
        // new category has too few for a page of its own.
        for day in [3, 4] {
            try site.write("---\ntitle: 新的一篇 \(day)\ndate: 2022-03-0\(day) 08:00:00 +0800\ncategories: markets\n---\n正文。\n",
                           to: "_posts/2022-03-0\(day)-newest.md")
        }
        let added = try await offThePool { try site.build() }
        #expect(added.status == 0, "\(added.stderr)")
        let after = try site.outputBytes().filter { !$0.key.hasSuffix("/.pages") }
        #expect(Set(after.keys.filter { $0.contains("archive/") }).subtracting(before.keys)
                == ["archive/5/rss.xml", "archive/5/atom.xml", "archive/5/feed.json"])
        for (path, bytes) in before {
            guard let now = after[path] else {
                Issue.record("\(path) was removed")
                continue
            }
            if path.hasPrefix("archive/4/") && !path.hasSuffix("feed.json") {
                // Only the line linking to the new page is added.
                let old = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
                let new = String(decoding: now, as: UTF8.self).split(separator: "\n")
                let added = new.filter { !old.contains($0) }
                #expect(added.count == 1 && added[0].contains("archive/5/") && added[0].contains("rel=\"next-archive\""), "\(path): \(added)")
                #expect(old.filter { !new.contains($0) }.isEmpty, "\(path) lost lines")
            } else {
                #expect(bytes == now, "\(path) changed")
            }
        }
        let again = try await offThePool { try site.build() }
        #expect(again.stdout.hasSuffix("feedsmith: 0 file(s) written, \(after.count) unchanged\n"), "\(again.stdout)")
    }

    @Test("a merge that brings old and undated partner articles changes no published page: they go to the next new page, and until then to the subscription document")
    func lateArrivalsKeepPagesStable() async throws {
        let site = try Self.site(limit: 3, archive: true)
        defer { site.remove() }
        #expect(try await offThePool { try site.build() }.status == 0)
        let before = try site.outputBytes().filter { $0.key.contains("archive/") && !$0.key.hasSuffix("/.pages") }
        try site.write("""
            <?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title><link>https://partner.example.com/</link>
            <description>p</description>
            <item><title>旧闻</title><link>https://partner.example.com/old.html</link><pubDate>Mon, 01 Jan 2018 08:00:00 +0800</pubDate></item>
            <item><title>无日期</title><link>https://partner.example.com/undated.html</link></item>
            </channel></rss>
            """, to: "partner.xml")
        let merged = try await offThePool {
            try Shell.feedsmith(["merge", "--category", "zhengquanribao", "partner.xml"], in: site.url)
        }
        #expect(merged.status == 0, "\(merged.stderr)")
        let after = try site.outputBytes()
        // The site's 13 posts left 1 item in no page; with the 2 partner articles that makes the
        // fifth page. zhengquanribao's 3 items made one full page; its 2 newcomers are too few
        // for a second: its subscription document shows them beside its newest 3.
        #expect(Set(after.keys.filter { $0.contains("archive/") && !$0.hasSuffix(".pages") }).subtracting(before.keys)
                == ["archive/5/rss.xml", "archive/5/atom.xml", "archive/5/feed.json"])
        for (path, bytes) in before where !(path.hasPrefix("archive/4/") && !path.hasSuffix("feed.json")) {
            #expect(after[path] == bytes, "\(path) changed")
        }
        let partner: Set = ["https://partner.example.com/old.html", "https://partner.example.com/undated.html"]
        let walks = try await offThePool { try Self.walk(site.output, from: ["atom.xml", "category/zhengquanribao/atom.xml"]) }
        #expect(Set(walks[0][1].ids).isSuperset(of: partner), "the site's new page 5: \(walks[0][1].ids)")
        #expect(walks[1].count == 2)
        #expect(Set(walks[1][0].ids).isSuperset(of: partner) && walks[1][0].ids.count == 5, "\(walks[1][0].ids)")
        for walk in walks { for document in walk { #expect(!document.bozo, "\(document.url)") } }
        let again = try await offThePool { try site.build() }
        let published = after.keys.filter { !$0.hasSuffix("/.pages") }.count
        #expect(again.stdout.hasSuffix("feedsmith: 0 file(s) written, \(published) unchanged\n"), "\(again.stdout)")
    }
}
