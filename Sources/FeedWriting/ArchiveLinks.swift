/// Where a document stands in an RFC 5005 archived feed: the folder URLs (ending in `/`) of the
/// documents it links to, each format linking to the same format's file.
public struct ArchiveLinks: Sendable, Hashable {
    /// An archive page (`fh:archive`) rather than the subscription document.
    public var isArchive: Bool
    /// The subscription document (`rel="current"`), for an archive page.
    public var current: String?
    /// The next older archive page (`prev-archive`; JSON Feed's `next_url`).
    public var previous: String?
    /// The next newer archive page (`next-archive`).
    public var next: String?

    public init(isArchive: Bool, current: String?, previous: String?, next: String?) {
        self.isArchive = isArchive
        self.current = current
        self.previous = previous
        self.next = next
    }

    /// The feed-history namespace of RFC 5005.
    static let namespace = "http://purl.org/syndication/history/1.0"

    /// `(rel, href)` of each link, in `format`.
    func links(_ format: FeedFormat) -> [(rel: String, href: String)] {
        [("current", current), ("prev-archive", previous), ("next-archive", next)].compactMap { rel, folder in
            folder.map { (rel, $0 + format.fileName) }
        }
    }
}
