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
        /// With `feeds.archive`: where this document stands among the feed's RFC 5005 archives.
        var archive: Archive?

        /// A subscription document (what readers subscribe to), not an archive page.
        var isSubscription: Bool { archive?.page == nil }
    }

    let configuration: SiteConfiguration
    private(set) var feeds: [Feed] = []
    /// The ``ArchiveManifest`` (path and text) of each feed whose pages differ from those
    /// published.
    private(set) var changedManifests: [(path: String, text: String)] = []

    /// `archived` gives, for a feed's folder, the canonical URLs of its archive pages as they
    /// were published (``ArchiveManifest``), oldest page first.
    init(posts: SitePosts, stored: [MergedArticle] = [], configuration: SiteConfiguration,
         archived: (String) -> [[String]] = { _ in [] }) {
        self.configuration = configuration
        // Candidates are numbered: first the published posts, then the stored articles that
        // are no post's. A site has 100,000 posts and feeds hold the newest few: each feed
        // keeps its newest `limit` while the candidates pass once, reading the posts' table
        // in place, and an entry is made only for those kept.
        let rows = posts.published
        var storedByURL: [String: MergedArticle] = [:]
        for merged in stored { storedByURL[merged.article.canonicalURL] = merged }
        var twins: [Int: Entry] = [:]
        if !storedByURL.isEmpty {
            for (index, row) in rows.enumerated() {
                if let merged = storedByURL.removeValue(forKey: posts.canonicalURL(row)) {
                    twins[index] = Entry(post: posts.head(row), stored: merged)
                }
            }
        }
        let storedOnly = storedByURL.values.map { Entry(post: nil, stored: $0) }
        func entry(_ index: Int) -> Entry {
            index >= rows.count ? storedOnly[index - rows.count] : twins[index] ?? Entry(post: posts.head(rows[index]), stored: nil)
        }
        let hasTwins = !twins.isEmpty
        func date(_ index: Int) -> Instant? {
            if index >= rows.count { return storedOnly[index - rows.count].date }
            if hasTwins, let twin = twins[index] { return twin.date }
            return posts.date(rows[index])
        }
        func url(_ index: Int) -> String {
            index >= rows.count ? storedOnly[index - rows.count].canonicalURL : posts.canonicalURL(rows[index])
        }
        func isNewer(_ a: Int, than b: Int) -> Bool {
            switch (date(a), date(b)) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            // Equal dates in canonical URL order, so the order never depends on the disk or the store.
            default: return a < rows.count && b < rows.count ? posts.urlPrecedes(rows[a], rows[b]) : url(a) < url(b)
            }
        }
        let limit = configuration.feedLimit
        // With archives, a feed keeps all its candidates (sorted below), not only the newest.
        let kept = configuration.archive ? Int.max : limit
        var site = Newest(limit: kept)
        // Category names → their slug's group, learnt once per name (and per number of the
        // posts' table); per candidate, one lookup per category.
        var groupOfName: [String: Int] = [:]
        var groupOfNumber = [Int](repeating: -1, count: posts.table.categoryNames.count)
        var groupOfSlug: [String: Int] = [:]
        var groups: [(slug: String, names: Set<String>, newest: Newest)] = []
        func group(named name: String) -> Int {
            if let known = groupOfName[name] { return known }
            let slug = CategorySlug.make(name)
            let group: Int
            if let existing = groupOfSlug[slug] {
                group = existing
            } else {
                group = groups.count
                groupOfSlug[slug] = group
                groups.append((slug, [], Newest(limit: kept)))
            }
            groupOfName[name] = group
            groups[group].names.insert(name)
            return group
        }
        var offered: [Int] = []
        func offer(_ index: Int, to group: Int) {
            if !offered.contains(group) {
                offered.append(group)
                groups[group].newest.offer(index, isNewer: isNewer)
            }
        }
        for index in 0..<(rows.count + storedOnly.count) {
            site.offer(index, isNewer: isNewer)
            offered.removeAll(keepingCapacity: true)
            if index < rows.count && (!hasTwins || twins[index] == nil) {
                for number in posts.categoryNumbers(rows[index]) {
                    if groupOfNumber[Int(number)] < 0 { groupOfNumber[Int(number)] = group(named: posts.table.categoryNames[Int(number)]) }
                    offer(index, to: groupOfNumber[Int(number)])
                }
            } else {
                for name in entry(index).categories { offer(index, to: group(named: name)) }
            }
        }
        addFeed(category: nil, folder: "", candidates: site, entry: entry, url: url, isNewer: isNewer, archived: archived)
        for group in groups.sorted(by: { $0.slug < $1.slug }) {
            // Spellings that share a slug (`Finance`, `finance`) share a feed, named by the first in order.
            addFeed(category: group.names.min(), folder: "category/\(group.slug)/", candidates: group.newest,
                    entry: entry, url: url, isNewer: isNewer, archived: archived)
        }
    }

    /// The feed of `candidates`: its newest `limit`, and with `feeds.archive` its archive pages.
    private mutating func addFeed(category: String?, folder: String, candidates: Newest, entry: (Int) -> Entry,
                                  url: (Int) -> String, isNewer: (Int, Int) -> Bool,
                                  archived: (String) -> [[String]]) {
        guard configuration.archive else {
            feeds.append(Feed(category: category, folder: folder, entries: candidates.indices.map(entry)))
            return
        }
        let published = archived(folder)
        let (current, pages) = Archive.pages(of: candidates.indices.sorted(by: isNewer), limit: configuration.feedLimit,
                                             published: published, url: url, isNewer: isNewer)
        let urls = pages.map { $0.map(url) }
        if urls != published { changedManifests.append((ArchiveManifest.path(home: folder), ArchiveManifest.text(urls))) }
        feeds.append(Feed(category: category, folder: folder, entries: current.map(entry),
                          archive: Archive(page: nil, pages: pages.count, home: folder)))
        for (number, page) in zip(1..., pages) {
            feeds.append(Feed(category: category, folder: Archive.folder(home: folder, page: number),
                              entries: page.map(entry), archive: Archive(page: number, pages: pages.count, home: folder)))
        }
    }

    /// Every entry that appears in some feed: the only posts whose body is rendered.
    var selectedEntries: [Entry] {
        var seen = Set<String>()
        return feeds.flatMap(\.entries).filter { seen.insert($0.canonicalURL).inserted }
    }

    /// Where the output folder's `folder` is served, ending in `/`.
    func url(of folder: String) -> String {
        configuration.feedsURL + "/" + folder.split(separator: "/").map { segment in
            URLReference.percentEncodingAllButUnreserved(String(segment))
        }.map { $0 + "/" }.joined()
    }

    func document(for feed: Feed, articles: [Article]) -> FeedDocument {
        let base = url(of: feed.folder)
        var selfURLs: [FeedFormat: String] = [:]
        for format in configuration.formats { selfURLs[format] = base + format.fileName }
        let title = feed.category.map { "\(configuration.title) · \($0)" } ?? configuration.title
        var document = FeedDocument(title: title, description: configuration.description, homePageURL: configuration.url + "/",
                                    selfURLs: selfURLs, language: configuration.language,
                                    authors: configuration.author.map { [$0] } ?? [], timeZone: configuration.timeZone,
                                    articles: articles,
                                    stylesheet: configuration.stylesheet ? FeedStylesheet.href(fromFolder: feed.folder) : nil)
        document.hub = configuration.websubHub
        if let archive = feed.archive {
            document.archive = ArchiveLinks(isArchive: archive.page != nil, current: archive.current.map(url(of:)),
                                            previous: archive.previous.map(url(of:)), next: archive.next.map(url(of:)))
        }
        return document
    }

    /// The newest `limit` of the candidates offered, newest first (with no limit: all of them,
    /// unsorted).
    struct Newest {
        let limit: Int
        private(set) var indices: [Int] = []

        init(limit: Int) { self.limit = limit }

        mutating func offer(_ index: Int, isNewer: (Int, Int) -> Bool) {
            // Without a limit (archives) every candidate is kept, in the order offered.
            if limit == .max { return indices.append(index) }
            if indices.count == limit {
                guard let last = indices.last, isNewer(index, last) else { return }
                indices.removeLast()
            }
            var position = indices.count
            while position > 0, isNewer(index, indices[position - 1]) { position -= 1 }
            indices.insert(index, at: position)
        }
    }
}
