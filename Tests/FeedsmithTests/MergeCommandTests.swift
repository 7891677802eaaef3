import Foundation
import Testing

/// `feedsmith merge` and `feedsmith articles`, run as a user would on copies of the example site.
@Suite("feedsmith merge")
struct MergeCommandTests {
    /// Partner feeds from `../shared/tools/make-corpus`: overlapping RSS and Atom feeds whose
    /// item URLs differ by tracking parameters, scheme, host case, default port and fragment.
    /// make-corpus is deterministic, so one copy in the temporary folder serves every run.
    static let partners: [String] = {
        let temporary = FileManager.default.temporaryDirectory
        let folder = temporary.appendingPathComponent("feedsmith-partners-20-3x50")
        if !FileManager.default.fileExists(atPath: folder.path) {
            let fresh = temporary.appendingPathComponent("feedsmith-partners-\(UUID().uuidString)")
            let tool = Shell.shared.appendingPathComponent("tools/make-corpus").path
            let result = try! Shell.run(tool, ["--posts", "20", "--partner-feeds", "3", "--items-per-feed", "50",
                                               "--out", fresh.path])
            precondition(result.status == 0, result.stderr)
            // Renamed into place whole, so a concurrent run never sees half of it.
            if (try? FileManager.default.moveItem(at: fresh, to: folder)) == nil {
                try? FileManager.default.removeItem(at: fresh)
            }
        }
        let partners = folder.appendingPathComponent("partners")
        return try! FileManager.default.contentsOfDirectory(atPath: partners.path).sorted()
            .map { partners.appendingPathComponent($0).path }
    }()

    /// The distinct articles of the partner feeds, by the variants make-corpus writes (counted
    /// here without feedsmith's canonical URL function).
    static func distinctItemURLs(_ files: [String]) throws -> Set<String> {
        var urls = Set<String>()
        let pattern = try Regex(#"<link(?: href=")?>?(https?://[^<"]+)"#)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                var url = String(match.output[1].substring!).replacingOccurrences(of: "&amp;", with: "&")
                guard url.contains("/html_News/") else { continue }  // channel links
                url = url.lowercased().replacingOccurrences(of: "http://", with: "https://")
                    .replacingOccurrences(of: ":80/", with: "/")
                if let hash = url.firstIndex(of: "#") { url = String(url[..<hash]) }
                url = url.split(separator: "&").filter { !$0.hasPrefix("utm_") }.joined(separator: "&")
                urls.insert(url)
            }
        }
        return urls
    }

    func articles(_ site: SiteFolder) throws -> String {
        let result = try Shell.feedsmith(["articles", "--site", site.url.path], in: site.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    func items(_ json: String) throws -> [[String: Any]] {
        let feed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return feed?["items"] as? [[String: Any]] ?? []
    }

    func outputs(_ site: SiteFolder) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in site.outputFiles() { files[path] = try site.read("output/" + path) }
        return files
    }

    @Test("partner feeds merged in two orders, and again, give byte-identical articles and feeds")
    func orderAndRepetitionDoNotMatter() throws {
        let (first, second) = (try SiteFolder("example"), try SiteFolder("example"))
        defer { first.remove(); second.remove() }
        // Copies of this test's own, which it changes below.
        let partners = try Self.partners.map { path in
            let copy = first.url.deletingLastPathComponent()
                .appendingPathComponent("feedsmith-test-partners-\(UUID().uuidString)-" + (path as NSString).lastPathComponent)
            try FileManager.default.copyItem(atPath: path, toPath: copy.path)
            return copy.path
        }
        defer { for path in partners { try? FileManager.default.removeItem(atPath: path) } }
        let merge = { (site: SiteFolder, files: [String]) throws -> Shell.Result in
            try Shell.feedsmith(["merge", "--site", site.url.path, "--category", "partner"] + files, in: site.url)
        }
        let a = try merge(first, partners)
        #expect(a.status == 0, "\(a.stderr)")
        // make-corpus repeats some URLs within a feed; each repeat is named, nothing else.
        #expect(a.stderr.split(separator: "\n").allSatisfy { $0.hasSuffix("item(s) repeat the canonical URL of an earlier item; each URL is one article, its versions merged") }, "\(a.stderr)")
        #expect(a.stdout.hasPrefix("\(partners[0]): 50 item(s): "), "\(a.stdout)")
        let b = try merge(second, partners.reversed())
        #expect(b.status == 0, "\(b.stderr)")
        let (firstArticles, secondArticles) = (try articles(first), try articles(second))
        #expect(firstArticles == secondArticles)
        #expect(try outputs(first) == outputs(second))

        // The same bytes again are known from the store: no parse, no write.
        let same = try merge(first, [partners[1], partners[0], partners[2]])
        #expect(same.status == 0)
        #expect(same.stdout.hasPrefix("""
            \(partners[1]): unchanged since its last merge
            \(partners[0]): unchanged since its last merge
            \(partners[2]): unchanged since its last merge

            """), "\(same.stdout)")
        // The same items in changed bytes are merged again, and change nothing.
        for path in partners {
            let handle = FileHandle(forWritingAtPath: path)!
            handle.seekToEndOfFile()
            handle.write(Data("\n<!-- fetched again -->\n".utf8))
            handle.closeFile()
        }
        let again = try merge(first, [partners[1], partners[0], partners[2]])
        #expect(again.status == 0)
        #expect(again.stdout.contains("\(partners[1]): 50 item(s): 0 new, 0 changed, "), "\(again.stdout)")
        #expect(try articles(first) == firstArticles)
        #expect(try outputs(first) == outputs(second))

        let merged = try items(firstArticles)
        #expect(merged.count == (try Self.distinctItemURLs(Self.partners)).count)
        #expect(merged.map { $0["id"] as! String } == merged.map { $0["id"] as! String }.sorted())
        // Merged articles are published in the category feeds, beside the posts.
        let partnerFeed = try items(first.read("output/category/partner/feed.json"))
        #expect(partnerFeed.count == 20)
        #expect(partnerFeed.allSatisfy { ($0["id"] as! String).hasPrefix("https://finews.zning.xyz/") })
        let siteFeed = try items(first.read("output/feed.json"))
        // Atom entries with only <updated> have no date_published; every item has some date.
        let dates = siteFeed.compactMap { ($0["date_published"] ?? $0["date_modified"]) as? String }
        #expect(siteFeed.count == 20 && dates.count == 20)
        #expect(FileManager.default.fileExists(atPath: first.output.appendingPathComponent("category/caixin/rss.xml").path))
        #expect(try XMLFeedsAreWellFormed(first))
    }

    func XMLFeedsAreWellFormed(_ site: SiteFolder) throws -> Bool {
        for path in site.outputFiles() where path.hasSuffix(".xml") {
            let problems = try Shell.run("xmllint", ["--noout", site.output.appendingPathComponent(path).path])
            if problems.status != 0 { Issue.record("\(path): \(problems.stderr)"); return false }
        }
        return true
    }

    @Test("two merges running at once both succeed, and give what one after the other gives")
    func concurrentMerges() throws {
        let (concurrent, sequential) = (try SiteFolder("example"), try SiteFolder("example"))
        defer { concurrent.remove(); sequential.remove() }
        let partners = Self.partners
        let groups = [[partners[0], partners[2]], [partners[1], partners[2], partners[0]]]
        let results = try groups.map { group in
            let process = Process()
            process.executableURL = Shell.feedsmith
            process.arguments = ["merge", "--no-build", "--site", concurrent.url.path] + group
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            return (process, errors)
        }.map { process, errors in
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        for (status, errors) in results { #expect(status == 0, "\(errors)") }
        for group in groups {
            let result = try Shell.feedsmith(["merge", "--no-build", "--site", sequential.url.path] + group, in: sequential.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try articles(concurrent) == articles(sequential))
    }

    @Test("a bad, missing or empty partner feed is reported; nothing stored is lost; the others merge")
    func badSources() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let partners = Self.partners
        #expect(try Shell.feedsmith(["merge", "--no-build", "--site", site.url.path, partners[0]], in: site.url).status == 0)
        let before = try items(articles(site))
        try site.write("<rss version=\"2.0\"><channel><title>x</title><item><title>a", to: "broken.xml")
        try site.write("<rss version=\"2.0\"><channel><title>empty</title></channel></rss>", to: "empty.xml")
        try site.write("not a feed at all", to: "junk.xml")
        let result = try Shell.feedsmith(["merge", "--site", ".", "junk.xml", "missing.xml", "empty.xml", partners[1]],
                                         in: site.url)
        #expect(result.status == 1)
        let errorLines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errorLines.count == 2, "\(result.stderr)")
        #expect(errorLines.first?.hasPrefix("junk.xml") == true, "\(result.stderr)")
        #expect(errorLines.last?.hasPrefix("missing.xml: error: ") == true, "\(result.stderr)")
        #expect(result.stdout.contains("empty.xml: 0 item(s): 0 new, 0 changed, 0 unchanged"), "\(result.stdout)")
        #expect(result.stdout.contains("\(partners[1]): 50 item(s)"))
        #expect(result.stdout.contains("feedsmith: "), "the feeds were rebuilt: \(result.stdout)")
        let after = try items(articles(site))
        let afterIDs = Set(after.map { $0["id"] as! String })
        #expect(before.allSatisfy { afterIDs.contains($0["id"] as! String) })
        #expect(after.count > before.count)
        // A truncated feed's recovered items merge; the stored articles stay.
        let truncated = try Shell.feedsmith(["merge", "--no-build", "--site", ".", "broken.xml"], in: site.url)
        #expect(try items(articles(site)).count >= after.count, "\(truncated.stderr)")
    }

    @Test("a local post outranks a partner's version of the same canonical URL, which adds its categories")
    func localPostOutranksPartner() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        try site.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>partner</title><link>https://partner.example/</link>
            <item><title>Partner copy</title>
            <link>http://FINEWS.withounder.com:80/caixin/2022/02/20/renminbi-huilv-renxing.html?utm_source=x#top</link>
            <pubDate>Sun, 20 Feb 2030 08:30:00 +0800</pubDate><description>partner text</description></item>
            </channel></rss>
            """, to: "partner.xml")
        let result = try Shell.feedsmith(["merge", "--site", ".", "--category", "伙伴", "partner.xml"], in: site.url)
        #expect(result.status == 0, "\(result.stderr)")
        let feed = try items(site.read("output/category/伙伴/feed.json"))
        #expect(feed.count == 1)
        let item = try #require(feed.first)
        #expect(item["id"] as? String == "https://finews.withounder.com/caixin/2022/02/20/renminbi-huilv-renxing.html")
        #expect(item["title"] as? String == "人民币汇率保持韧性 跨境资金流动总体平稳")
        #expect(item["date_published"] as? String == "2022-02-20T08:30:00+08:00")  // the earliest known
        let extensions = try #require(item["_feedsmith"] as? [String: Any])
        #expect(extensions["categories"] as? [String] == ["caixin", "伙伴"])
        #expect(extensions["sources"] as? [String] == ["_posts/2022-02-20-renminbi-huilv-renxing.md", "partner.xml"])
        // The store holds the partner's version; the post is the site's.
        #expect(try items(articles(site)).first?["title"] as? String == "Partner copy")
    }

    @Test("items without a link are keyed by their guid and their file: the same guid in two files is two articles")
    func linklessItemsAreKeyedByTheirSource() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        for name in ["a.xml", "b.xml"] {
            try site.write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>\(name)</title>
                <item><title>No link in \(name)</title><guid isPermaLink="false">item-1</guid></item>
                </channel></rss>
                """, to: name)
        }
        let result = try Shell.feedsmith(["merge", "--no-build", "--site", ".", "a.xml", "b.xml"], in: site.url)
        #expect(result.status == 0, "\(result.stderr)")
        let stored = try items(articles(site))
        #expect(stored.count == 2)
        #expect(Set(stored.compactMap { $0["title"] as? String }) == ["No link in a.xml", "No link in b.xml"])
        #expect(stored.allSatisfy { ($0["id"] as? String)?.hasPrefix("urn:feedsmith:") == true })
        // Merging a file again keeps its key: still two articles.
        _ = try Shell.feedsmith(["merge", "--no-build", "--site", ".", "a.xml"], in: site.url)
        #expect(try items(articles(site)).count == 2)
    }

    @Test("articles of a site without a store is an empty feed, and creates no store")
    func articlesWithoutStore() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        #expect(try items(articles(site)).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("feedsmith.sqlite").path))
        let build = try site.build()
        #expect(build.status == 0)
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("feedsmith.sqlite").path))
    }

    @Test("merge needs a source")
    func noSources() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        let result = try Shell.feedsmith(["merge", "--site", "."], in: site.url)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: give at least one feed file or URL to merge\n"), "\(result.stderr)")
    }
}
