import ArticleStore
import Foundation
import FeedModel
import FeedWriting
import Posts
import Synchronization

/// `feedsmith build`: the site's posts → per-category feeds under the output folder.
///
/// A build costs about what its changes cost: the post cache (``PostCache``) gives the front
/// matter of every file whose stamp is unchanged, files are read on all cores, a body is
/// rendered only when its post is in some feed, and a feed whose inputs (the stamps of its
/// posts, its stored articles, feeds.yml) and file are as last written is not rendered at all.
public struct Publisher: Sendable {
    public var site: URL
    /// How the user named the site folder, prefixed to every path in a message.
    public var displayPrefix: String
    /// The clock, for one rule only: posts dated in the future are not published yet.
    public var now: @Sendable () -> Instant
    /// Off, every post is read and every feed rendered; the files written are the same.
    public var usesCache: Bool

    public init(site: String, usesCache: Bool = true, now: @escaping @Sendable () -> Instant = { Instant.current }) {
        self.site = URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL
        let trimmed = site.hasSuffix("/") ? String(site.dropLast()) : site
        displayPrefix = trimmed.isEmpty || trimmed == "." ? "" : trimmed + "/"
        self.usesCache = usesCache
        self.now = now
    }

    /// Builds every feed; problems are in the report, never thrown.
    public func build() -> BuildReport {
        var report = BuildReport()
        do {
            let configuration = try SiteConfiguration.load(site: site, displayPrefix: displayPrefix)
            let cachePath = site.appendingPathComponent(PostCache.fileName).path
            var run = Run(configuration: configuration, publisher: self,
                          cache: usesCache ? PostCache.load(cachePath, key: cacheKey(configuration))
                                           : PostCache(key: cacheKey(configuration)))
            let posts = run.readPosts(report: &report)
            let stored = try storedArticles(configuration)
            try run.write(posts, stored: stored, report: &report)
            if usesCache && run.cacheChanged {
                do {
                    try run.cache.save(cachePath)
                } catch {
                    report.warnings.append("\(displayPrefix)\(PostCache.fileName): warning: cannot save the post cache (\(error.localizedDescription)); the next build reads every post again")
                }
            }
        } catch {
            report.fatal = error.errorDescription ?? "\(error)"
        }
        return report
    }
}

private extension Publisher {
    /// What the cache's records depend on besides each file: feeds.yml, this version, and how
    /// the site folder is named in messages (cached errors carry it).
    func cacheKey(_ configuration: SiteConfiguration) -> ContentDigest {
        var bytes = Array("feedsmith \(feedsmithVersion)\n\(displayPrefix)\n".utf8)
        withUnsafeBytes(of: configuration.digest.high) { bytes += $0 }
        withUnsafeBytes(of: configuration.digest.low) { bytes += $0 }
        return ContentDigest(hashing: bytes)
    }

    /// The store's merged articles; none when the site has no store yet (a build never creates one).
    func storedArticles(_ configuration: SiteConfiguration) throws(SiteError) -> [MergedArticle] {
        let path = SiteStore.path(configuration, site: site)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            return try ArticleStore(path: path).articles()
        } catch {
            throw SiteError(path: displayPrefix + configuration.store, reason: error.reason)
        }
    }
}

/// One build's state: the configuration, the reader, the cache and whether it changed.
private struct Run {
    let configuration: SiteConfiguration
    let publisher: Publisher
    var cache: PostCache
    private(set) var cacheChanged = false
    /// Files whose status changed within the last two seconds before this build began: they
    /// might change again without their stamp changing (file systems keep times in ticks), so
    /// nothing about them is cached.
    let recentSince: Int64
    let reader: PostReader
    let now: Instant

    init(configuration: SiteConfiguration, publisher: Publisher, cache: PostCache) {
        self.configuration = configuration
        self.publisher = publisher
        self.cache = cache
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        recentSince = Int64(clock.tv_sec - 2) * 1_000_000_000 + Int64(clock.tv_nsec)
        now = publisher.now()
        // Future posts are cached like the rest; the clock is applied after the cache.
        let postsConfiguration = PostsConfiguration(
            siteURL: configuration.url, timeZone: configuration.timeZone, permalink: configuration.permalink,
            postsFolder: configuration.posts, exclude: configuration.exclude + [configuration.output],
            defaultAuthor: configuration.author, stripParameters: configuration.stripParameters,
            now: Instant(secondsSince1970: .max))
        reader = PostReader(configuration: postsConfiguration, root: publisher.site, displayPrefix: publisher.displayPrefix)
    }

    func isRecent(_ stamp: FileStamp) -> Bool { stamp.changed >= recentSince || stamp.modified >= recentSince }

    mutating func readPosts(report: inout BuildReport) -> [PostHead] {
        let prefix = publisher.displayPrefix
        let finder = PostFinder(root: publisher.site, postsFolder: configuration.posts,
                                exclude: reader.configuration.exclude)
        // Unsorted: nothing below depends on the order but the messages, sorted at the end.
        let found = finder.find(sorted: false)
        for path in found.ignored {
            report.warnings.append("\(prefix)\(path): warning: not a post: a post's name is YYYY-MM-DD-title.md (or .markdown, .html)")
        }
        let outcomes = outcomes(of: found.posts, report: &report)
        var byCanonicalURL: [String: PostHead] = [:]
        byCanonicalURL.reserveCapacity(outcomes.count)
        var sameURL: [String: [PostHead]] = [:]
        var errors: [(path: String, message: String)] = []
        for (file, outcome) in zip(found.posts, outcomes) {
            switch outcome {
            case .post(let date, let canonicalURL, let categories) where date <= now:
                let post = PostHead(file: file, date: date, canonicalURL: canonicalURL, categories: categories)
                if let other = byCanonicalURL.updateValue(post, forKey: canonicalURL) {
                    sameURL[canonicalURL, default: [other]].append(post)
                }
            case .post, .unpublished:
                continue
            case .failed(let message):
                errors.append((file.relativePath, message))
            }
        }
        report.errors += errors.sorted { $0.path < $1.path }.map(\.message)
        // Same identity twice: keep the newer post (then the later path), as the merge would.
        var warnings: [(path: String, message: String)] = []
        for (canonicalURL, posts) in sameURL {
            let ordered = posts.sorted { $0.file.relativePath < $1.file.relativePath }
            var kept = ordered[0]
            for post in ordered.dropFirst() {
                let dropped: PostHead
                (kept, dropped) = (kept.date, kept.file.relativePath) > (post.date, post.file.relativePath) ? (kept, post) : (post, kept)
                warnings.append((post.file.relativePath, "\(prefix)\(dropped.file.relativePath): warning: same canonical URL as \(prefix)\(kept.file.relativePath) (\(canonicalURL)); only the newer is published"))
            }
            byCanonicalURL[canonicalURL] = kept
        }
        report.warnings += warnings.sorted { $0.path < $1.path }.map(\.message)
        return Array(byCanonicalURL.values)
    }

    /// Each file's outcome, in order: from the cache when its stamp is unchanged, else read
    /// (front matter only) on all cores.
    mutating func outcomes(of files: [PostFile], report: inout BuildReport) -> [PostCache.Outcome] {
        var outcomes = [PostCache.Outcome](repeating: .unpublished(""), count: files.count)
        var unread: [Int] = []
        var cachedCount = 0
        for (index, file) in files.enumerated() {
            if let stamp = file.stamp, let record = cache.records[file.relativePath], record.stamp == stamp {
                cachedCount += 1
                outcomes[index] = record.outcome
            } else {
                unread.append(index)
            }
        }
        (report.postsRead, report.postsFromCache) = (unread.count, cachedCount)
        let reader = reader
        for (index, outcome) in zip(unread, Run.read(unread.map { files[$0] }, with: reader)) {
            outcomes[index] = outcome
            let file = files[index]
            if let stamp = file.stamp, !isRecent(stamp) {
                cache.records[file.relativePath] = PostCache.Record(stamp: stamp, outcome: outcome)
                cacheChanged = true
            } else if cache.records.removeValue(forKey: file.relativePath) != nil {
                cacheChanged = true
            }
        }
        // Records of files that are gone (or were read again just now) are dropped.
        if cache.records.count != cachedCount + unread.filter({ cache.records[files[$0].relativePath] != nil }).count {
            let paths = Set(files.map(\.relativePath))
            cache.records = cache.records.filter { paths.contains($0.key) }
            cacheChanged = true
        }
        return outcomes
    }

    /// Reads `files` on every core, front matter only, keeping their order.
    static func read(_ files: [PostFile], with reader: PostReader) -> [PostCache.Outcome] {
        guard !files.isEmpty else { return [] }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkSize = max(16, (files.count + workers * 8 - 1) / (workers * 8))
        let chunks = (files.count + chunkSize - 1) / chunkSize
        let results = Mutex<[Int: [PostCache.Outcome]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = chunk * chunkSize..<min(files.count, (chunk + 1) * chunkSize)
            let outcomes = range.map { index -> PostCache.Outcome in
                do throws(PostError) {
                    switch try reader.read(files[index], keepingBody: false) {
                    case .published(let post):
                        return .post(date: post.date, canonicalURL: post.canonicalURL, categories: post.categories)
                    case .unpublished(let reason): return .unpublished(reason)
                    }
                } catch {
                    return .failed(error.errorDescription ?? "\(error)")
                }
            }
            results.withLock { $0[chunk] = outcomes }
        }
        return results.withLock { all in (0..<chunks).flatMap { all[$0]! } }
    }

    mutating func write(_ posts: [PostHead], stored: [MergedArticle], report: inout BuildReport) throws(SiteError) {
        let plan = FeedPlan(posts: posts, stored: stored, configuration: configuration)
        let output = OutputFolder(root: publisher.site.appendingPathComponent(configuration.output),
                                  displayPath: publisher.displayPrefix + configuration.output + "/")
        let feedInputs = plan.feeds.map(inputs(of:))
        var pageInputs: ContentDigest?
        if !feedInputs.contains(where: { $0 == nil }) {
            var bytes: [UInt8] = Array("pages".utf8)
            for digest in feedInputs { bytes += Array(digest!.hex.utf8) }
            pageInputs = ContentDigest(hashing: bytes)
        }
        func isCurrent(_ path: String, _ inputs: ContentDigest?) -> Bool {
            guard let inputs, let record = cache.outputs[path], record.inputs == inputs else { return false }
            return FileStamp.of(output.root.appendingPathComponent(path).path) == record.stamp
        }
        var paths: [(path: String, feed: Int?, inputs: ContentDigest?)] = []
        for (index, feed) in plan.feeds.enumerated() {
            for format in configuration.formats {
                paths.append((feed.folder + format.fileName, index, feedInputs[index].map { ContentDigest(hashing: Array(($0.hex + format.fileName).utf8)) }))
            }
        }
        paths.append(("feeds.opml", nil, pageInputs))
        paths.append(("index.html", nil, pageInputs))
        let stale = paths.filter { !isCurrent($0.path, $0.inputs) }
        // Only the feeds written, and for the pages every feed's latest five, are rendered.
        let pagesStale = stale.contains { $0.feed == nil }
        let rendered = Set(stale.compactMap(\.feed))
        let articles = self.articles(for: plan.feeds.enumerated().flatMap { index, feed in
            rendered.contains(index) ? feed.entries : pagesStale ? Array(feed.entries.prefix(5)) : []
        })
        var documents: [Int: FeedDocument] = [:]
        func document(_ index: Int) -> FeedDocument {
            if let document = documents[index] { return document }
            let feed = plan.feeds[index]
            let entries = rendered.contains(index) ? feed.entries : Array(feed.entries.prefix(5))
            let document = plan.document(for: feed, articles: entries.compactMap { articles[$0.canonicalURL] })
            documents[index] = document
            return document
        }
        var failure: SiteError?
        for (path, feed, inputs) in paths {
            guard stale.contains(where: { $0.path == path }) else {
                report.unchanged.append(path)
                continue
            }
            let contents: String
            report.filesRendered += 1
            if let feed {
                let format = configuration.formats.first { plan.feeds[feed].folder + $0.fileName == path }!
                contents = document(feed).render(format)
            } else {
                let listings = plan.feeds.indices.map { index in
                    let document = document(index)
                    return FeedListing(title: document.title, category: plan.feeds[index].category, urls: document.selfURLs,
                                       latest: document.articles.prefix(5).map { ($0.title, $0.link) })
                }
                let pages = SitePages(title: configuration.title, description: configuration.description,
                                      homePageURL: configuration.url, language: configuration.language, feeds: listings)
                contents = path == "index.html" ? pages.indexHTML() : pages.opml()
            }
            do {
                if try output.write(contents, to: path) { report.written.append(path) } else { report.unchanged.append(path) }
                record(path, inputs: inputs, stamp: FileStamp.of(output.root.appendingPathComponent(path).path))
            } catch {
                failure = failure ?? error
            }
        }
        // Records of outputs this site no longer has.
        let current = Set(paths.map(\.path))
        if cache.outputs.keys.contains(where: { !current.contains($0) }) {
            cache.outputs = cache.outputs.filter { current.contains($0.key) }
            cacheChanged = true
        }
        if let failure { throw failure }
    }

    mutating func record(_ path: String, inputs: ContentDigest?, stamp: FileStamp?) {
        let new = inputs.flatMap { inputs in stamp.map { PostCache.Output(inputs: inputs, stamp: $0) } }
        if cache.outputs[path] != new {
            cache.outputs[path] = new
            cacheChanged = true
        }
    }

    /// Everything a feed is rendered from, or nil when some post in it changed too recently
    /// to be sure of (then it is always rendered, and compared byte for byte).
    func inputs(of feed: FeedPlan.Feed) -> ContentDigest? {
        var bytes: [UInt8] = []
        func add(_ text: String) { bytes += text.utf8; bytes.append(0) }
        func add(_ number: Int64) { withUnsafeBytes(of: number) { bytes += $0 } }
        add(feed.folder)
        add(feed.category ?? "")
        add(cache.key.hex)
        for entry in feed.entries {
            add(entry.canonicalURL)
            if let post = entry.post {
                guard let stamp = post.file.stamp, !isRecent(stamp) else { return nil }
                add(post.file.relativePath)
                for number in [stamp.size, stamp.modified, stamp.changed, Int64(bitPattern: stamp.inode)] { add(number) }
            }
            if let merged = entry.stored {
                let article = merged.article
                add(article.contentDigest.hex)
                add(article.categories.sorted().joined(separator: "\u{1}"))
                add(article.tags.sorted().joined(separator: "\u{1}"))
                add(article.sources.sorted().joined(separator: "\u{1}"))
                add(article.published?.secondsSince1970 ?? .min)
                add(article.updated?.secondsSince1970 ?? .min)
                add(article.isLocal ? 1 : 0)
            }
        }
        return ContentDigest(hashing: bytes)
    }

    /// The articles of `entries`, by canonical URL: each post's file is read again, whole,
    /// and its body rendered (only these few of all the site's posts).
    func articles(for entries: [FeedPlan.Entry]) -> [String: Article] {
        var seen = Set<String>()
        let unique = entries.filter { seen.insert($0.canonicalURL).inserted }
        let reader = reader
        let results = Mutex<[String: Article]>([:])
        DispatchQueue.concurrentPerform(iterations: unique.count) { index in
            let entry = unique[index]
            var post: Post?
            if let head = entry.post, case .published(let whole)? = try? reader.read(head.file) { post = whole }
            guard let article = entry.article(post: post) else { return }
            results.withLock { $0[entry.canonicalURL] = article }
        }
        return results.withLock { $0 }
    }
}

public extension Instant {
    /// The current time, from the system clock.
    static var current: Instant { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}
