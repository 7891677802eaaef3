import FeedModel

/// A published post: its front matter read with Jekyll's rules, its body not yet rendered.
public struct Post: Sendable, Hashable {
    public var file: PostFile
    public var title: String
    public var date: Instant
    public var updated: Instant?
    /// In the order written, folder categories first, without duplicates.
    public var categories: [String]
    public var tags: [String]
    public var authors: [Author]
    /// The post's address on the site.
    public var url: String
    /// Identity: `canonical_url` or the permalink, normalised.
    public var canonicalURL: String
    /// `excerpt` or `description` from the front matter.
    public var summary: String?
    public var image: String?
    public var body: String

    public init(file: PostFile, title: String, date: Instant, updated: Instant?, categories: [String],
                tags: [String], authors: [Author], url: String, canonicalURL: String, summary: String?,
                image: String?, body: String) {
        self.file = file
        self.title = title
        self.date = date
        self.updated = updated
        self.categories = categories
        self.tags = tags
        self.authors = authors
        self.url = url
        self.canonicalURL = canonicalURL
        self.summary = summary
        self.image = image
        self.body = body
    }
}

/// What reading one post file gave.
public enum PostOutcome: Sendable {
    case published(Post)
    /// Not an error: `published: false` or dated in the future.
    case unpublished(reason: String)
}
