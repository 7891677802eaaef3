import Testing
import FeedModel
import TestSupport
@testable import Posts

/// Jekyll's permalink styles and placeholders.
@Suite struct PermalinkTests {
    static let date = CivilTime(year: 2022, month: 1, day: 9, hour: 8, minute: 5, second: 3, offset: 8 * 3600)

    static let patterns: [(String, [String], String)] = [
        ("date", ["Markets", "Bonds"], "/markets/bonds/2022/01/09/iso-date.html"),
        ("pretty", ["Markets", "Bonds"], "/markets/bonds/2022/01/09/iso-date/"),
        ("none", ["Markets", "Bonds"], "/markets/bonds/iso-date.html"),
        ("ordinal", ["Markets"], "/markets/2022/009/iso-date.html"),
        ("/:categories/:title/", ["Markets", "Bonds"], "/markets/bonds/iso-date/"),
        ("/news/:year-:month-:day/:categories/:slug.html", ["Markets", "BONDS"],
         "/news/2022-01-09/markets/bonds/iso-date.html"),
        ("/:short_year/:i_month/:i_day/:hour:minute:second-:title", [], "/22/1/9/080503-iso-date"),
        // No categories: the empty segment goes, not a double slash.
        ("date", [], "/2022/01/09/iso-date.html"),
        // Lower-casing can make two categories one.
        ("date", ["Markets", "markets"], "/markets/2022/01/09/iso-date.html"),
        // Chinese categories are percent-encoded as UTF-8, as Jekyll (Addressable) writes them.
        ("date", ["宏观"], "/%E5%AE%8F%E8%A7%82/2022/01/09/iso-date.html"),
        ("/:categories/:title.html", ["Central Banks"], "/central%20banks/iso-date.html"),
    ]

    @Test(arguments: patterns)
    func fillsThePattern(pattern: String, categories: [String], expected: String) {
        #expect(Permalink(pattern).path(slug: "iso-date", categories: categories, date: Self.date) == expected)
    }

    @Test func chineseSlugIsPercentEncodedAndEscapesAreKept() {
        let path = Permalink("/:title.html").path(slug: "中文-100%25", categories: [], date: Self.date)
        #expect(path == "/%E4%B8%AD%E6%96%87-100%25.html")
    }

    static let siteWide: [(String, String, String)] = [
        ("date", "_posts/2022-01-19-iso-date.md", "https://example.com/markets/bonds/2022/01/19/iso-date.html"),
        ("pretty", "_posts/2022-01-19-iso-date.md", "https://example.com/markets/bonds/2022/01/19/iso-date/"),
        ("none", "_posts/2022-01-19-iso-date.md", "https://example.com/markets/bonds/iso-date.html"),
        ("/:categories/:year/:title.html", "_posts/2022-01-10-no-date.md",
         "https://example.com/%E5%AE%8F%E8%A7%82/2022/no-date.html"),
        ("date", "finance/_posts/2022-01-22-folder-category.md",
         "https://example.com/finance/banks/central%20banks/2022/01/22/folder-category.html"),
        // The date in the permalink is the site zone's: 2022-01-09T16:00Z is the 10th in Shanghai.
        ("date", "_posts/2022-01-10-no-date.md", "https://example.com/%E5%AE%8F%E8%A7%82/2022/01/10/no-date.html"),
    ]

    @Test(arguments: siteWide)
    func postURLFollowsTheSitePattern(pattern: String, path: String, url: String) throws {
        let post = try #require(try SiteFixture.post(path, permalink: pattern))
        #expect(post.url == url)
        #expect(post.canonicalURL == url)
    }
}

/// Filling a cut pattern is a fast path; Jekyll fills one name at a time. Both must agree.
@Suite struct PermalinkFastPathTests {
    @Test func cutPatternsFillAsJekyllDoes() {
        var rng = SplitMix64(state: 11)
        let parts = [":categories", ":year", ":month", ":day", ":title", ":slug", ":i_month", ":i_day", ":y_day",
                     ":short_year", ":hour", ":minute", ":second", ":output_ext", "/", "/", "-", ".html", "x",
                     ":", "::", ":titles", ":d", "ay", "%20", "新闻"]
        let words = ["Markets", "bonds", "", "a:year", "央行", "A B", "x/y", ":title", "d"]
        let slugs = ["iso-date", "新闻-1", "ay-x", "a:day", "100%", "x y"]
        for _ in 0..<5_000 {
            let pattern = (0..<Int.random(in: 1...7, using: &rng)).map { _ in parts.randomElement(using: &rng)! }.joined()
            let categories = (0..<Int.random(in: 0...3, using: &rng)).map { _ in words.randomElement(using: &rng)! }
            let slug = slugs.randomElement(using: &rng)!
            let date = CivilTime(year: Int.random(in: 1999...2031, using: &rng), month: Int.random(in: 1...12, using: &rng),
                                 day: Int.random(in: 1...28, using: &rng), hour: 7, minute: 30, second: 5, offset: 0)
            let permalink = Permalink(pattern)
            #expect(permalink.path(slug: slug, categories: categories, date: date)
                        == permalink.path(slug: slug, categories: categories, date: date, oneNameAtATime: true),
                    "\(pattern) \(categories) \(slug)")
        }
    }
}
