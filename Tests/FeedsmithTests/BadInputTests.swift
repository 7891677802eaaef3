import Foundation
import Testing

/// Bad posts are reported and skipped; a bad feeds.yml stops the build and touches nothing.
@Suite("Bad input")
struct BadInputTests {
    @Test("broken posts are reported with file and line, and every good post is still published")
    func brokenPosts() throws {
        let site = try SiteFolder("broken")
        defer { site.remove() }
        let result = try Shell.feedsmith(["build"], in: site.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
            _posts/2022-01-20-broken-yaml.md:2: error: unterminated quoted string in 'title'
            _posts/2022-01-21-bad-date.md:4: error: cannot read '2022-13-45 10:00' in 'date' as a date (expected YYYY-MM-DD HH:MM:SS +0800)
            _posts/2022-01-22-latin1.md:5: error: the file is not valid UTF-8 (byte 44 of the file); save it as UTF-8
            _posts/2022-01-23-no-front-matter.md:1: error: no front matter: a post starts with a '---' line

            """)
        #expect(result.stdout == "feedsmith: 9 file(s) written, 0 unchanged, 4 input(s) skipped\n")
        let feed = try #require(try ParsedFeed.parse([site.output.appendingPathComponent("rss.xml")]).first)
        #expect(feed.entries.map(\.title) == ["A good post"])
    }

    @Test("three posts with one canonical URL: the newest is published, the others named in warnings in path order")
    func sameCanonicalURL() throws {
        let site = try SiteFolder("minimal")
        defer { site.remove() }
        for (name, date) in [("2023-05-03-c", "2023-05-01"), ("2023-05-01-a", "2023-05-03"), ("2023-05-02-b", "2023-05-02")] {
            try site.write("---\ntitle: \(name)\ndate: \(date) 10:00:00 +0000\ncanonical_url: https://example.org/same\n---\nx\n",
                           to: "_posts/\(name).md")
        }
        let result = try Shell.feedsmith(["build"], in: site.url)
        #expect(result.status == 0)
        #expect(result.stderr == """
            _posts/2023-05-02-b.md: warning: same canonical URL as _posts/2023-05-01-a.md (https://example.org/same); only the newer is published
            _posts/2023-05-03-c.md: warning: same canonical URL as _posts/2023-05-01-a.md (https://example.org/same); only the newer is published

            """)
        let feed = try #require(try ParsedFeed.parse([site.output.appendingPathComponent("rss.xml")]).first)
        #expect(feed.entries.filter { $0.title?.hasPrefix("2023-05") == true }.map(\.title) == ["2023-05-01-a"])
    }

    @Test("paths in messages are as the user named the site folder")
    func pathsFollowTheSiteArgument() throws {
        let site = try SiteFolder("broken")
        defer { site.remove() }
        let result = try Shell.feedsmith(["build", "--site", "."], in: site.url.appendingPathComponent("_posts"))
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("feeds.yml: error: cannot read the site's configuration: no feeds.yml in ."))
    }

    @Test("a bad feeds.yml names the key and line, writes nothing and removes nothing", arguments: [
        ("titel: x\n", "feeds.yml:4: error: unknown key 'titel'"),
        ("feeds: {limit: lots}\n", "feeds.yml:4: error: 'feeds.limit' must be a whole number from 1 to 100000, not 'lots'"),
        ("feeds: {formats: [rss, gopher]}\n", "feeds.yml:4: error: unknown format 'gopher' in 'feeds.formats' (use rss, atom, json)"),
        ("feeds: {stylesheet: yes}\n", "feeds.yml:4: error: 'feeds.stylesheet' must be true or false, not 'yes'"),
        ("feeds:\n  stylesheet: \"false\"\n", "feeds.yml:5: error: 'feeds.stylesheet' must be true or false, not 'false'"),
        ("feeds: {stylesheet: [off]}\n", "feeds.yml:4: error: 'feeds.stylesheet' must be true or false\n"),
        ("store: [a, b]\n", "feeds.yml:4: error: 'store' must be text"),
        ("posts: _postz\n", "feeds.yml:4: error: 'posts' names '_postz', but the site has no folder of that name"),
        ("posts: feeds.yml\n", "feeds.yml:4: error: 'posts' names 'feeds.yml', but the site has no folder of that name"),
        ("output: feeds.yml/out\n", "feeds.yml:4: error: the output folder 'feeds.yml/out' cannot be written: 'feeds.yml' is a file, not a folder"),
        ("output: ../elsewhere\n", "feeds.yml:4: error: 'output' must be a folder inside the site, not '../elsewhere'"),
        ("sources:\n  - url: feeds/partner.xml\n", "feeds.yml:5: error: 'sources[].url' must be an absolute http(s) URL, not 'feeds/partner.xml'"),
        ("sources:\n  - url: https://partner.example/feed.xml\n    timezone: China/Beijing\n",
         "feeds.yml:6: error: unknown time zone 'China/Beijing' in 'sources[].timezone' (use an IANA name such as Asia/Shanghai)"),
        ("sources:\n  - {url: https://partner.example/feed.xml, every: 5m}\n", "feeds.yml:5: error: unknown key 'sources[].every' (known: categories, timezone, url)"),
        ("websub: {}\n", "feeds.yml:4: error: 'websub' needs a 'hub' URL"),
        ("feeds: {archive: yes please}\n", "feeds.yml:4: error: 'feeds.archive' must be true or false, not 'yes please'"),
        ("websub: {hub: 'ftp://hub.example.com/'}\n", "feeds.yml:4: error: 'websub.hub' must be an absolute http(s) URL, not 'ftp://hub.example.com/'"),
        ("websub: {hub: 'https://hub.example.com/', secret: x}\n", "feeds.yml:4: error: unknown key 'websub.secret' (known: hub)"),
    ])
    func badConfiguration(addition: String, message: String) throws {
        let site = try SiteFolder("broken")
        defer { site.remove() }
        _ = try site.build()
        let before = try site.outputTimes()
        let contents = try site.read("output/rss.xml")
        try site.write(try site.read("feeds.yml") + addition, to: "feeds.yml")
        try site.write("---\ntitle: New\n---\nNew.\n", to: "_posts/2022-02-01-new.md")
        let result = try Shell.feedsmith(["build"], in: site.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("feedsmith: nothing built\n"))
        #expect(try site.outputTimes() == before)
        #expect(try site.read("output/rss.xml") == contents)
    }

    @Test("merge refuses a bad feeds.yml before opening the store: no store is created")
    func badConfigurationMergesNothing() throws {
        let site = try SiteFolder("broken")
        defer { site.remove() }
        try site.write(try site.read("feeds.yml") + "posts: _postz\n", to: "feeds.yml")
        let feed = site.url.appendingPathComponent("partner.xml")
        try Data("<rss version='2.0'><channel><title>p</title><item><title>x</title><link>https://p.example/x</link></item></channel></rss>".utf8).write(to: feed)
        let result = try Shell.feedsmith(["merge", feed.path], in: site.url)
        #expect(result.status == 2)
        #expect(result.stderr == "feeds.yml:4: error: 'posts' names '_postz', but the site has no folder of that name\nfeedsmith: nothing merged\n")
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("feedsmith.sqlite").path))
        #expect(site.outputFiles().isEmpty)
    }

    @Test("a url that is not absolute and an unknown time zone are errors at their line")
    func badValues() throws {
        let site = try SiteFolder("broken")
        defer { site.remove() }
        try site.write("title: T\nurl: /relative\n", to: "feeds.yml")
        var result = try site.build()
        #expect(result.stderr.hasPrefix("\(site.url.path)/feeds.yml:2: error: 'url' must be an absolute http(s) URL, not '/relative'"))
        try site.write("title: T\nurl: https://example.com\ntimezone: Mars/Olympus\n", to: "feeds.yml")
        result = try site.build()
        #expect(result.stderr.hasPrefix("\(site.url.path)/feeds.yml:3: error: unknown time zone 'Mars/Olympus' in 'timezone'"))
        #expect(result.status == 2)
        #expect(site.outputFiles().isEmpty)
    }
}
