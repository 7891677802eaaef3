/// FeedModel: the one article type every input becomes and every output is written from,
/// the canonical URL that identifies it, and the merge of its versions. Pure values, no I/O.

/// One article, identified by its canonical URL.
public struct Article: Sendable, Hashable {
    /// Identity: the normalised URL (see ``CanonicalURL``) or a fallback `urn:` key.
    public var canonicalURL: String
    /// The link a reader follows: absolute, tracking parameters removed, scheme as given.
    public var link: String?
    public var title: String
    public var summary: String?
    /// Sanitised HTML whose URLs are absolute.
    public var contentHTML: String?
    public var authors: [Author]
    public var categories: Set<String>
    public var tags: Set<String>
    public var published: Instant?
    public var updated: Instant?
    public var image: String?
    public var enclosures: [Enclosure]
    /// The feeds or post files this article came from.
    public var sources: Set<String>
    /// Whether this version is one of the site's own posts (it outranks partner versions).
    public var isLocal: Bool

    public init(canonicalURL: String, link: String? = nil, title: String = "",
                summary: String? = nil, contentHTML: String? = nil, authors: [Author] = [],
                categories: Set<String> = [], tags: Set<String> = [],
                published: Instant? = nil, updated: Instant? = nil, image: String? = nil,
                enclosures: [Enclosure] = [], sources: Set<String> = [], isLocal: Bool = false) {
        self.canonicalURL = canonicalURL
        self.link = link
        self.title = title
        self.summary = summary
        self.contentHTML = contentHTML
        self.authors = authors
        self.categories = categories
        self.tags = tags
        self.published = published
        self.updated = updated
        self.image = image
        self.enclosures = enclosures
        self.sources = sources
        self.isLocal = isLocal
    }

    /// The instant feeds sort by and show as "updated": `updated`, else `published`.
    public var effectiveUpdated: Instant? { updated ?? published }
}

/// A person credited with an article.
public struct Author: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}

/// A media file attached to an article (RSS enclosure, Atom `rel="enclosure"`).
public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
