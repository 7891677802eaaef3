/// Which version of an article wins its content in the merge: the greatest by (a local post,
/// `updated` — else `published` —, `published`, content digest). Never arrival order or the clock;
/// an undated version ranks below every dated one.
public struct MergeRank: Sendable, Hashable, Comparable {
    public var isLocal: Bool
    /// The version's `updated`, else its `published`.
    public var updated: Instant?
    public var published: Instant?
    public var digest: ContentDigest

    public init(isLocal: Bool, updated: Instant?, published: Instant?, digest: ContentDigest) {
        self.isLocal = isLocal
        self.updated = updated
        self.published = published
        self.digest = digest
    }

    /// The rank of one version as it came from its source.
    public init(of version: Article) {
        self.init(isLocal: version.isLocal, updated: version.effectiveUpdated, published: version.published,
                  digest: version.contentDigest)
    }

    public static func < (lhs: MergeRank, rhs: MergeRank) -> Bool {
        if lhs.isLocal != rhs.isLocal { return !lhs.isLocal }
        if lhs.updated != rhs.updated { return isEarlier(lhs.updated, rhs.updated) }
        if lhs.published != rhs.published { return isEarlier(lhs.published, rhs.published) }
        return lhs.digest < rhs.digest
    }

    /// nil (undated) first.
    private static func isEarlier(_ a: Instant?, _ b: Instant?) -> Bool {
        switch (a, b) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case let (a?, b?): return a < b
        }
    }
}
