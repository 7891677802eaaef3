import FeedModel
import FeedWriting
import Posts

/// What choosing a post for the feeds needs: its file, date, identity and categories. The
/// rest of the post is read again from its file if it is chosen.
struct PostHead: Sendable, Hashable {
    var file: PostFile
    var date: Instant
    var canonicalURL: String
    var categories: [String]

    init(file: PostFile, date: Instant, canonicalURL: String, categories: [String]) {
        self.file = file
        self.date = date
        self.canonicalURL = canonicalURL
        self.categories = categories
    }

    init(_ post: Post) {
        self.init(file: post.file, date: post.date, canonicalURL: post.canonicalURL, categories: post.categories)
    }
}

/// Which feeds a site has and which articles each holds: the whole site plus one feed per
/// category slug, each with its newest `feeds.limit` entries, newest first. An entry is a post,
/// an article merged from partner feeds (the store), or both when they share a canonical URL.
struct FeedPlan {
    /// One article to publish: a post (rendered only when selected), a stored merge, or both.
    struct Entry {
        var canonicalURL: String
        /// The date feeds sort by: the earliest known publication; nil (undated) sorts last.
        var date: Instant?
        var categories: [String]
        var post: PostHead?
        var stored: MergedArticle?

        init(post: PostHead?, stored: MergedArticle?) {
            self.post = post
            self.stored = stored
            canonicalURL = post?.canonicalURL ?? stored!.article.canonicalURL
            let storedDate = stored.map { $0.article.published ?? $0.article.updated }
            switch (post?.date, storedDate ?? nil) {
            case let (a?, b?): date = min(a, b)
            case let (a, b): date = a ?? b
            }
            let postCategories = post?.categories ?? []
            categories = postCategories + (stored?.article.categories.sorted() ?? []).filter { !postCategories.contains($0) }
        }

        /// The article written: the post's (a local post outranks partner versions), joined with
        /// the stored partner versions of the same canonical URL. `post` is this entry's post,
        /// read whole; nil when it could no longer be read.
        func article(post: Post?) -> Article? {
            guard self.post != nil else { return stored!.article }
            guard let post else { return stored?.article }
            let local = post.article()
            guard let stored else { return local }
            return MergedArticle(local).merged(with: stored).article
        }
    }

    struct Feed {
        /// The category's display name, nil for the whole site.
        var category: String?
        /// Path of the feed's folder inside the output folder, ending in `/` (or empty).
        var folder: String
        var entries: [Entry]
    }

    let configuration: SiteConfiguration
    private(set) var feeds: [Feed] = []

    init(posts: [PostHead], stored: [MergedArticle] = [], configuration: SiteConfiguration) {
        self.configuration = configuration
        var storedByURL: [String: MergedArticle] = [:]
        for merged in stored { storedByURL[merged.article.canonicalURL] = merged }
        var entries = posts.map { Entry(post: $0, stored: storedByURL.removeValue(forKey: $0.canonicalURL)) }
        entries += storedByURL.values.map { Entry(post: nil, stored: $0) }
        // Positions are sorted, not entries: a site has 100,000 of them and an entry is large.
        let ordered = entries.indices.sorted { FeedPlan.newestFirst(entries[$0], entries[$1]) }
        let limit = configuration.feedLimit
        feeds.append(Feed(category: nil, folder: "", entries: ordered.prefix(limit).map { entries[$0] }))
        var bySlug: [String: (names: Set<String>, entries: [Entry])] = [:]
        var slugs: [String: String] = [:]
        for position in ordered {
            let entry = entries[position]
            let entrySlugs = entry.categories.map { name in
                if let slug = slugs[name] { return slug }
                let slug = CategorySlug.make(name)
                slugs[name] = slug
                return slug
            }
            for slug in Set(entrySlugs) {
                let names = zip(entry.categories, entrySlugs).filter { $0.1 == slug }.map(\.0)
                bySlug[slug, default: ([], [])].names.formUnion(names)
                if bySlug[slug]!.entries.count < limit { bySlug[slug]!.entries.append(entry) }
            }
        }
        for (slug, group) in bySlug.sorted(by: { $0.key < $1.key }) {
            // Spellings that share a slug (`Finance`, `finance`) share a feed, named by the first in order.
            feeds.append(Feed(category: group.names.min(), folder: "category/\(slug)/", entries: group.entries))
        }
    }

    /// Every entry that appears in some feed: the only posts whose body is rendered.
    var selectedEntries: [Entry] {
        var seen = Set<String>()
        return feeds.flatMap(\.entries).filter { seen.insert($0.canonicalURL).inserted }
    }

    func document(for feed: Feed, articles: [Article]) -> FeedDocument {
        let base = configuration.feedsURL + "/" + feed.folder.split(separator: "/").map { segment in
            FeedPlan.escapePathSegment(String(segment))
        }.map { $0 + "/" }.joined()
        var selfURLs: [FeedFormat: String] = [:]
        for format in configuration.formats { selfURLs[format] = base + format.fileName }
        let title = feed.category.map { "\(configuration.title) · \($0)" } ?? configuration.title
        return FeedDocument(title: title, description: configuration.description, homePageURL: configuration.url + "/",
                            selfURLs: selfURLs, language: configuration.language,
                            authors: configuration.author.map { [$0] } ?? [], timeZone: configuration.timeZone,
                            articles: articles)
    }

    /// Newest first, undated last; equal dates in canonical URL order, so the order never
    /// depends on the disk or the store.
    static func newestFirst(_ a: Entry, _ b: Entry) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.canonicalURL < b.canonicalURL
        }
    }

    static func escapePathSegment(_ segment: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        var out = ""
        for byte in segment.utf8 {
            if allowed.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
            }
        }
        return out
    }
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}
