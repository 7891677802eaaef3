/// The join of any number of versions of one article (DESIGN.md "Conflict-free merge"): the
/// content of the greatest version by ``MergeRank`` as a whole, the earliest `published`, the
/// latest `updated`, and the unions of categories, tags and sources. The winner's rank is kept
/// beside the merged article: the merged `published`/`updated` are no longer the winner's own,
/// so ranking the merged article afresh would not be a join.
public struct MergedArticle: Sendable, Hashable {
    /// The article as published: the winner's content with the merged dates and sets.
    public var article: Article
    /// The rank of the version whose content ``article`` carries.
    public var winner: MergeRank

    /// A merged value from its stored parts.
    public init(article: Article, winner: MergeRank) {
        self.article = article
        self.winner = winner
    }

    /// One version, as its own merge.
    public init(_ version: Article) {
        self.init(article: version, winner: MergeRank(of: version))
    }

    /// The join: commutative, associative, idempotent. Both sides must share a canonical URL.
    public func merged(with other: MergedArticle) -> MergedArticle {
        let (winning, losing) = other.winner > winner ? (other, self) : (self, other)
        var article = winning.article
        article.published = MergedArticle.either(article.published, losing.article.published, min)
        article.updated = MergedArticle.either(article.updated, losing.article.updated, max)
        article.categories.formUnion(losing.article.categories)
        article.tags.formUnion(losing.article.tags)
        article.sources.formUnion(losing.article.sources)
        article.isLocal = winning.winner.isLocal
        return MergedArticle(article: article, winner: winning.winner)
    }

    /// The join of `versions`, or nil when there are none.
    public static func merging<Versions: Sequence>(_ versions: Versions) -> MergedArticle?
        where Versions.Element == Article {
        versions.reduce(nil) { merged, version in
            let next = MergedArticle(version)
            return merged.map { $0.merged(with: next) } ?? next
        }
    }

    private static func either(_ a: Instant?, _ b: Instant?, _ pick: (Instant, Instant) -> Instant) -> Instant? {
        guard let a else { return b }
        guard let b else { return a }
        return pick(a, b)
    }
}
