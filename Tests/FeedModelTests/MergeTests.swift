import FeedModel
import Testing
import TestSupport

@Suite struct MergeLawTests {
    @Test func commutative() {
        var rng = SplitMix64(state: 41)
        for _ in 0..<2_000 {
            let (x, y) = (RandomArticle.merged(&rng), RandomArticle.merged(&rng))
            #expect(x.merged(with: y) == y.merged(with: x))
        }
    }

    @Test func associative() {
        var rng = SplitMix64(state: 42)
        for _ in 0..<2_000 {
            let (x, y, z) = (RandomArticle.merged(&rng), RandomArticle.merged(&rng), RandomArticle.merged(&rng))
            #expect(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)))
        }
    }

    @Test func idempotent() {
        var rng = SplitMix64(state: 43)
        for _ in 0..<2_000 {
            let (x, y) = (RandomArticle.merged(&rng), RandomArticle.merged(&rng))
            #expect(x.merged(with: x) == x)
            #expect(x.merged(with: y).merged(with: y) == x.merged(with: y))
            let version = RandomArticle.make(&rng)
            #expect(MergedArticle(version).merged(with: MergedArticle(version)) == MergedArticle(version))
        }
    }

    @Test func everyOrderOfAFewVersionsGivesOneResult() {
        var rng = SplitMix64(state: 44)
        for _ in 0..<60 {
            let versions = (0..<5).map { _ in RandomArticle.make(&rng) }
            let expected = MergedArticle.merging(versions)!
            for order in permutations(versions) { #expect(MergedArticle.merging(order) == expected) }
        }
    }

    @Test func partialMergesGroupedInEveryWayGiveOneResult() {
        var rng = SplitMix64(state: 45)
        for _ in 0..<40 {
            let versions = (0..<4).map { _ in MergedArticle(RandomArticle.make(&rng)) }
            let expected = versions.dropFirst().reduce(versions[0]) { $0.merged(with: $1) }
            for order in permutations(versions) {
                for result in bracketings(order) { #expect(result == expected) }
            }
        }
    }

    /// What the store relies on: the stored merge joined with a new version equals the merge of
    /// every version at once.
    @Test func storedMergeJoinedWithANewVersionIsTheMergeOfAll() {
        var rng = SplitMix64(state: 46)
        for _ in 0..<2_000 {
            let versions = (0..<Int.random(in: 1...6, using: &rng)).map { _ in RandomArticle.make(&rng) }
            let next = RandomArticle.make(&rng)
            let stored = MergedArticle.merging(versions)!
            #expect(stored.merged(with: MergedArticle(next)) == MergedArticle.merging(versions + [next]))
        }
    }

    @Test func hashableAgreesWithEquality() {
        var rng = SplitMix64(state: 47)
        for _ in 0..<500 {
            let (x, y) = (RandomArticle.merged(&rng), RandomArticle.merged(&rng))
            if x == y { #expect(x.hashValue == y.hashValue) }
            #expect(x.merged(with: y).hashValue == y.merged(with: x).hashValue)
        }
    }
}

@Suite struct MergeRuleTests {
    static func version(_ title: String, published: Int64?, updated: Int64? = nil, local: Bool = false,
                        categories: Set<String> = [], source: String = "feed") -> Article {
        Article(canonicalURL: "https://example.com/a", link: "https://example.com/a?v=\(title)", title: title,
                summary: "summary \(title)", contentHTML: "<p>\(title)</p>", authors: [Author(name: title)],
                categories: categories, tags: [title], published: published.map(Instant.init),
                updated: updated.map(Instant.init), image: "https://example.com/\(title).png",
                sources: [source], isLocal: local)
    }

    @Test func laterUpdatedWinsTheContentAsAWhole() {
        let old = Self.version("old", published: 100, updated: 300)
        let new = Self.version("new", published: 200, updated: 400)
        let merged = MergedArticle.merging([new, old])!.article
        #expect(merged.title == "new")
        #expect(merged.summary == "summary new")
        #expect(merged.contentHTML == "<p>new</p>")
        #expect(merged.authors == [Author(name: "new")])
        #expect(merged.link == "https://example.com/a?v=new")
        #expect(merged.image == "https://example.com/new.png")
        #expect(merged.published == Instant(secondsSince1970: 100))
        #expect(merged.updated == Instant(secondsSince1970: 400))
        #expect(merged.tags == ["old", "new"])
        #expect(merged.sources == ["feed"])
    }

    @Test func aLocalPostOutranksNewerPartnerVersions() {
        let post = Self.version("post", published: 100, local: true, source: "_posts/a.md")
        let partner = Self.version("partner", published: 50, updated: 900, categories: ["partner"], source: "p.xml")
        let merged = MergedArticle.merging([partner, post])!
        #expect(merged.article.title == "post")
        #expect(merged.article.isLocal)
        #expect(merged.article.published == Instant(secondsSince1970: 50))
        #expect(merged.article.updated == Instant(secondsSince1970: 900))
        #expect(merged.article.categories == ["partner"])
        #expect(merged.article.sources == ["_posts/a.md", "p.xml"])
    }

    @Test func publishedBreaksTiesInUpdatedThenTheDigest() {
        let a = Self.version("a", published: 100, updated: 500)
        let b = Self.version("b", published: 200, updated: 500)
        #expect(MergedArticle.merging([a, b])!.article.title == "b")
        let c = Self.version("c", published: 200, updated: 500)
        let winner = a.contentDigest < c.contentDigest ? "c" : "a"
        let d = Self.version(winner == "a" ? "a" : "c", published: 200, updated: 500)
        #expect(MergedArticle.merging([c, b, d])!.article.title == MergedArticle.merging([d, c, b])!.article.title)
    }

    @Test func undatedVersionsStayUndatedAndRankLast() {
        let undated = Self.version("undated", published: nil)
        #expect(MergedArticle(undated).merged(with: MergedArticle(undated)).article.published == nil)
        let dated = Self.version("dated", published: 1)
        let merged = MergedArticle.merging([dated, undated])!.article
        #expect(merged.title == "dated")
        #expect(merged.published == Instant(secondsSince1970: 1))
        #expect(merged.updated == nil)
    }

    @Test func digestIsFNV1a128() {
        #expect(ContentDigest(hashing: []).hex == "6c62272e07bb014262b821756295c58d")
        #expect(ContentDigest(hashing: Array("a".utf8)).hex == "d228cb696f1a8caf78912b704e4a8964")
        let digest = Self.version("x", published: 1).contentDigest
        #expect(ContentDigest(hex: digest.hex) == digest)
    }
}
