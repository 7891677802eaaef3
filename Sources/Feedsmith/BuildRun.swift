import ArticleStore
import Foundation
import FeedModel
import FeedWriting
import Posts
import Synchronization

/// One build's state: the configuration, the reader, the cache and whether it changed.
struct BuildRun {
    let configuration: SiteConfiguration
    let publisher: Publisher
    var cache: PostCache
    var cacheChanged = false
    /// Files whose status changed within the last two seconds before this build began: they
    /// might change again without their stamp changing (file systems keep times in ticks), so
    /// nothing about them is cached.
    let recentSince: Int64
    let reader: PostReader
    let now: Instant

    /// Where the cache is loaded from while the posts folder is listed; nil: no cache.
    let cachePath: String?

    init(configuration: SiteConfiguration, publisher: Publisher, cacheKey: ContentDigest, cachePath: String?) {
        self.configuration = configuration
        self.publisher = publisher
        cache = PostCache(key: cacheKey)
        self.cachePath = cachePath
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
        // The cache loads on another core while the posts folder is listed and stat'ed.
        let loaded = Mutex<PostCache?>(nil)
        let loading = DispatchGroup()
        if let cachePath {
            let key = cache.key
            DispatchQueue.global().async(group: loading) {
                let cache = PostCache.load(cachePath, key: key)
                loaded.withLock { $0 = cache }
            }
        }
        let found = finder.find(sorted: false)
        loading.wait()
        // Taken out, not copied: a second reference would make the first change copy it all.
        if let cache = loaded.withLock({ $0.take() }) { self.cache = cache }
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
        for (index, outcome) in zip(unread, BuildRun.read(unread.map { files[$0] }, with: reader)) {
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
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return files.concurrentMap(chunks: workers * 8) { file -> PostCache.Outcome in
            do throws(PostError) {
                switch try reader.read(file, keepingBody: false) {
                case .published(let post):
                    return .post(date: post.date, canonicalURL: post.canonicalURL, categories: post.categories)
                case .unpublished(let reason): return .unpublished(reason)
                }
            } catch {
                return .failed(error.errorDescription ?? "\(error)")
            }
        }
    }
}
