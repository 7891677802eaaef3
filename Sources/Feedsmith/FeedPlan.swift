import FeedModel
import FeedWriting
import Posts

/// Which feeds a site has and which posts each holds: the whole site plus one feed per
/// category slug, each with its newest `feeds.limit` posts, newest first.
struct FeedPlan {
    struct Feed {
        /// The category's display name, nil for the whole site.
        var category: String?
        /// Path of the feed's folder inside the output folder, ending in `/` (or empty).
        var folder: String
        var posts: [Post]
    }

    let configuration: SiteConfiguration
    private(set) var feeds: [Feed] = []

    init(posts: [Post], configuration: SiteConfiguration) {
        self.configuration = configuration
        let ordered = posts.sorted(by: FeedPlan.newestFirst)
        let limit = configuration.feedLimit
        feeds.append(Feed(category: nil, folder: "", posts: Array(ordered.prefix(limit))))
        var bySlug: [String: (names: Set<String>, posts: [Post])] = [:]
        for post in ordered {
            for slug in Set(post.categories.map(CategorySlug.make)) {
                let names = post.categories.filter { CategorySlug.make($0) == slug }
                bySlug[slug, default: ([], [])].names.formUnion(names)
                if bySlug[slug]!.posts.count < limit { bySlug[slug]!.posts.append(post) }
            }
        }
        for (slug, group) in bySlug.sorted(by: { $0.key < $1.key }) {
            // Spellings that share a slug (`Finance`, `finance`) share a feed, named by the first in order.
            feeds.append(Feed(category: group.names.min(), folder: "category/\(slug)/", posts: group.posts))
        }
    }

    /// Every post that appears in some feed: the only ones whose body is rendered.
    var selectedPosts: [Post] {
        var seen = Set<String>()
        return feeds.flatMap(\.posts).filter { seen.insert($0.canonicalURL).inserted }
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

    /// Newest first; equal dates in canonical URL order, so the order never depends on the disk.
    static func newestFirst(_ a: Post, _ b: Post) -> Bool {
        a.date != b.date ? a.date > b.date : a.canonicalURL < b.canonicalURL
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
