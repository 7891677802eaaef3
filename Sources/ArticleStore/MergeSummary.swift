/// What one merge did.
public struct MergeSummary: Sendable, Hashable {
    /// Items in the feed, duplicates included.
    public var items: Int
    public var added = 0
    public var changed = 0
    public var unchanged = 0

    public init(items: Int, added: Int = 0, changed: Int = 0, unchanged: Int = 0) {
        self.items = items
        self.added = added
        self.changed = changed
        self.unchanged = unchanged
    }
}
