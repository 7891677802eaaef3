import Testing
import FeedModel
@testable import FeedWriting

/// Each writer's output for the hand-built sample feed, byte for byte.
@Suite struct GoldenFileTests {
    @Test(arguments: [(FeedFormat.rss, "rss.xml"), (.atom, "atom.xml"), (.json, "feed.json")])
    func feedMatchesItsGoldenFile(format: FeedFormat, name: String) throws {
        try Snapshot.assert(SampleFeed.document.render(format), matches: name)
    }

    @Test func opmlMatchesItsGoldenFile() throws {
        try Snapshot.assert(SampleFeed.pages.opml(), matches: "feeds.opml")
    }

    @Test func indexMatchesItsGoldenFile() throws {
        try Snapshot.assert(SampleFeed.pages.indexHTML(), matches: "index.html")
    }

    @Test func emptyFeedMatchesItsGoldenFile() throws {
        var empty = SampleFeed.document
        empty.articles = []
        empty.authors = []
        empty.description = nil
        try Snapshot.assert(empty.render(.rss), matches: "empty-rss.xml")
        try Snapshot.assert(empty.render(.atom), matches: "empty-atom.xml")
        try Snapshot.assert(empty.render(.json), matches: "empty-feed.json")
    }

    @Test(arguments: FeedFormat.allCases)
    func outputIsDeterministic(format: FeedFormat) {
        // Same input, same bytes, whatever the order sets are iterated in.
        var shuffled = SampleFeed.document
        shuffled.articles = shuffled.articles.map { article in
            var copy = article
            copy.tags = Set(article.tags.reversed())
            copy.categories = Set(article.categories.reversed())
            return copy
        }
        #expect(shuffled.render(format) == SampleFeed.document.render(format))
        #expect(SampleFeed.document.render(format) == SampleFeed.document.render(format))
    }
}
