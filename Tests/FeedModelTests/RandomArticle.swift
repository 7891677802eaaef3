import FeedModel
import TestSupport

/// Random versions of one article from small pools, so ties in dates, equal contents and
/// overlapping sets are common.
enum RandomArticle {
    static let url = "https://example.com/a"
    static let titles = ["", "A", "B", "标题"]
    static let texts: [String?] = [nil, "", "<p>one</p>", "<p>two</p>"]
    static let authors = [Author(name: "Ann"), Author(name: "Bo", email: "bo@x"), Author(uri: "https://x/")]
    static let words = ["finance", "markets", "partner", "新闻", "Finance"]
    static let sources = ["_posts/a.md", "https://p1.example/feed", "https://p2.example/feed", "p3.xml"]
    static let instants: [Instant?] = [nil, Instant(secondsSince1970: 100), Instant(secondsSince1970: 200),
                                       Instant(secondsSince1970: 300)]
    static let links: [String?] = [nil, "http://example.com/a", "https://example.com/a?x=1"]

    static func make(_ rng: inout SplitMix64) -> Article {
        func pick<T>(_ options: [T]) -> T { options.randomElement(using: &rng)! }
        func subset(_ options: [String]) -> Set<String> { Set(options.filter { _ in rng.next() % 3 == 0 }) }
        var enclosures: [Enclosure] = []
        if rng.next() % 4 == 0 { enclosures.append(Enclosure(url: "https://x/a.mp3", type: "audio/mpeg", length: 10)) }
        return Article(
            canonicalURL: url, link: pick(links), title: pick(titles), summary: pick(texts),
            contentHTML: pick(texts), authors: Array(authors.prefix(Int(rng.next() % 3))).shuffled(using: &rng),
            categories: subset(words), tags: subset(words), published: pick(instants), updated: pick(instants),
            image: rng.next() % 3 == 0 ? "https://x/i.png" : nil, enclosures: enclosures,
            sources: subset(sources), isLocal: rng.next() % 5 == 0)
    }

    /// A merged value of one to three random versions.
    static func merged(_ rng: inout SplitMix64) -> MergedArticle {
        MergedArticle.merging((0..<Int.random(in: 1...3, using: &rng)).map { _ in make(&rng) })!
    }
}

/// Every ordering of `items` (Heap's algorithm).
func permutations<T>(_ items: [T]) -> [[T]] {
    var items = items
    var result: [[T]] = []
    func generate(_ k: Int) {
        if k <= 1 { result.append(items); return }
        generate(k - 1)
        for i in 0..<(k - 1) {
            items.swapAt(k % 2 == 0 ? i : 0, k - 1)
            generate(k - 1)
        }
    }
    generate(items.count)
    return result
}

/// Every way of bracketing the merge of `items` in this order (Catalan-many trees).
func bracketings(_ items: [MergedArticle]) -> [MergedArticle] {
    guard items.count > 1 else { return items }
    var results: [MergedArticle] = []
    for split in 1..<items.count {
        for left in bracketings(Array(items[..<split])) {
            for right in bracketings(Array(items[split...])) { results.append(left.merged(with: right)) }
        }
    }
    return results
}
