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
    /// Whether the cache's header (outputs, snapshot) changed.
    var cacheChanged = false
    /// Records added (of files read and not too recent), and dropped or changed.
    var recordChanges = 0

    /// Whether to write the records again: when one in 256 changed. Fewer changes cost less
    /// to read again (the files' front matter) than the records cost to write (at 100,000
    /// posts, 19 MB and a tenth of a second).
    var savesRecords: Bool { recordChanges > 0 && recordChanges * 256 >= cache.records.rows.count }
    /// Files whose status changed within the last two seconds before this build began: they
    /// might change again without their stamp changing (file systems keep times in ticks), so
    /// nothing about them is cached.
    let recentSince: Int64
    let reader: PostReader
    let now: Instant

    /// Where the cache is loaded from while the posts folder is listed; nil: no cache.
    let cachePath: String?
    /// Whether the site has an article store (a build never creates one).
    let hasStore: Bool
    /// What reading the posts said (kept in the snapshot).
    var messages: (warnings: [String], errors: [String]) = ([], [])
    /// Whether every output was written or found current, and recorded with its inputs.
    var outputsSettled = false
    /// Waits for the cache's records, loading since ``list()``.
    var records: (() -> PostCache?)?
    /// The listing's ``PostCache/Snapshot/digest(of:)``, worked out once a run.
    private var listingDigest: [UInt64]?

    init(configuration: SiteConfiguration, publisher: Publisher, cacheKey: ContentDigest, cachePath: String?) {
        self.configuration = configuration
        self.publisher = publisher
        cache = PostCache(key: cacheKey)
        self.cachePath = cachePath
        hasStore = FileManager.default.fileExists(atPath: SiteStore.path(configuration, site: publisher.site))
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

    /// Lists the posts folders, and loads the cache: its header now, its records on another
    /// core meanwhile (``readPosts(_:report:)`` waits for them; a run that finds nothing changed
    /// does not).
    mutating func list() -> PostListing {
        let finder = PostFinder(root: publisher.site, postsFolder: configuration.posts,
                                exclude: reader.configuration.exclude)
        guard let cachePath else { return finder.list() }
        cache = PostCache.loadHeader(cachePath, key: cache.key)
        let loaded = Mutex<PostCache?>(nil)
        let loading = DispatchGroup()
        let header = cache
        DispatchQueue.global().async(group: loading) {
            var cache = header
            cache.loadRecords(cachePath)
            loaded.withLock { $0 = cache }
        }
        records = {
            loading.wait()
            return loaded.withLock { $0.take() }
        }
        return finder.list()
    }

    /// Whether a snapshot can stand for this site's inputs: not with an article store or
    /// archives, whose inputs it does not hold.
    var snapshotsApply: Bool { !hasStore && !configuration.archive }

    /// True, with the report of the last build, when every input is as the snapshot says and
    /// every output as that build left it: then nothing is read, planned or written.
    mutating func isUnchanged(_ listing: PostListing, report: inout BuildReport) -> Bool {
        guard let snapshot = cache.snapshot, snapshotsApply, snapshot.holds(at: now.secondsSince1970),
              digest(of: listing) == snapshot.listing else { return false }
        let output = publisher.site.appendingPathComponent(configuration.output)
        for (path, record) in cache.outputs where FileStamp.of(output.path + "/" + path) != record.stamp { return false }
        AtomicFile.removeLeftovers(in: output.path, recursive: true)
        report.postsFromCache = snapshot.posts
        report.warnings += snapshot.warnings
        report.errors += snapshot.errors
        report.unchanged = cache.outputs.keys.sorted()
        return true
    }

    /// Keeps a snapshot of this build's inputs when it left everything settled (no file too
    /// recent to cache, every output current), and drops the old one otherwise.
    mutating func takeSnapshot(of posts: SitePosts) {
        var snapshot: PostCache.Snapshot?
        if snapshotsApply && outputsSettled && posts.table.rows.allSatisfy(\.cacheable) {
            let now = now.secondsSince1970
            snapshot = PostCache.Snapshot(
                listing: digest(of: posts.listing),
                nextDue: posts.table.rows.lazy.filter { $0.kind == .post && $0.date > now }.map(\.date).min() ?? .max,
                lastPublished: posts.table.rows.lazy.filter { $0.kind == .post && $0.date <= now }.map(\.date).max() ?? .min,
                posts: posts.table.rows.count { $0.kind != .notPost }, warnings: messages.warnings, errors: messages.errors)
        }
        // A snapshot dropped need not be saved: the one saved describes the inputs and the
        // outputs' stamps of the build that saved it, so it holds again only if both return
        // exactly, and an output written since has another stamp.
        if snapshot != cache.snapshot {
            cache.snapshot = snapshot
            cacheChanged = cacheChanged || snapshot != nil
        }
    }

    private mutating func digest(of listing: PostListing) -> [UInt64] {
        if let listingDigest { return listingDigest }
        listingDigest = PostCache.Snapshot.digest(of: listing)
        return listingDigest!
    }

    mutating func readPosts(_ listing: PostListing, report: inout BuildReport) -> SitePosts {
        let prefix = publisher.displayPrefix
        // Taken out, not copied: a second reference would make the first change copy it all.
        if let cache = records?() { self.cache = cache }
        records = nil
        let said = (report.warnings.count, report.errors.count)
        defer { messages = (Array(report.warnings[said.0...]), Array(report.errors[said.1...])) }
        let table = table(of: listing, report: &report)
        var ignored: [String] = []
        var errors: [(path: String, message: String)] = []
        for values in table.rows where values.kind == .notPost || values.kind == .failed {
            let path = table.string(values.path)
            if values.kind == .notPost {
                ignored.append(path)
            } else {
                errors.append((path, table.string(values.text)))
            }
        }
        for path in ignored.sorted() {
            report.warnings.append("\(prefix)\(path): warning: not a post: a post's name is YYYY-MM-DD-title.md (or .markdown, .html)")
        }
        report.errors += errors.sorted { $0.path < $1.path }.map(\.message)
        // One post per canonical URL, found by the URL's bytes.
        let now = now.secondsSince1970
        var published: [Int] = []
        var byURL = RowIndex(capacity: table.rows.count)
        var sameURL: [Int: [Int]] = [:]
        table.bytes.withUnsafeBytes { bytes in
            func url(_ row: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[table.rows[row].text.range]) }
            for (row, values) in table.rows.enumerated() where values.kind == .post && values.date <= now {
                if let first = byURL.insert(row, key: url(row), keyOf: url) {
                    sameURL[first, default: [first]].append(row)
                } else {
                    published.append(row)
                }
            }
        }
        // Same identity twice: keep the newer post (then the later path), as the merge would.
        var warnings: [(path: String, message: String)] = []
        var keptOf: [Int: Int] = [:]
        for (first, rows) in sameURL {
            let ordered = rows.map { (row: $0, path: table.string(table.rows[$0].path), date: table.rows[$0].date) }
                .sorted { $0.path < $1.path }
            let canonicalURL = table.string(table.rows[first].text)
            var kept = ordered[0]
            for post in ordered.dropFirst() {
                let dropped: (row: Int, path: String, date: Int64)
                (kept, dropped) = (kept.date, kept.path) > (post.date, post.path) ? (kept, post) : (post, kept)
                warnings.append((post.path, "\(prefix)\(dropped.path): warning: same canonical URL as \(prefix)\(kept.path) (\(canonicalURL)); only the newer is published"))
            }
            keptOf[first] = kept.row
        }
        if !keptOf.isEmpty { published = published.map { keptOf[$0] ?? $0 } }
        report.warnings += warnings.sorted { $0.path < $1.path }.map(\.message)
        return SitePosts(listing: listing, table: table, published: published)
    }

    /// A row for each file of `listing`, in order: from the cache when its stamp is unchanged,
    /// else read (front matter only) on all cores. The cache's records become these rows.
    mutating func table(of listing: PostListing, report: inout BuildReport) -> PostTable {
        let old = cache.records
        var table = PostTable(sharingTextsOf: old)
        table.reserve(rows: listing.files.count, bytes: old.bytes.count + 256 * max(16, listing.files.count - old.rows.count))
        // The folders list files in the order they did last time (the rows' order) unless
        // files came or went, so each file is first compared with the row after the last one
        // found, or the one after that (a file gone); the others are looked up by path after.
        var next = 0
        var matched = 0
        var elsewhere: [Int] = []
        var unread: [Int] = []
        var cached = 0
        func found(_ row: Int, for file: PostListing.File, at path: UnsafeRawBufferPointer) {
            matched += 1
            if old.rows[row].stamp == file.stamp {
                cached += 1
                table.append(old.rows[row])
            } else {
                unread.append(table.append(path: path, stamp: file.stamp, kind: .unread))
            }
        }
        listing.pathBytes.withUnsafeBytes { paths in
            for file in listing.files {
                let path = UnsafeRawBufferPointer(rebasing: paths[file.path])
                if !file.isPost {
                    table.append(path: path, stamp: file.stamp, kind: .notPost)
                } else if next < old.rows.count, old.withText(old.rows[next].path, { RowIndex.same($0, path) }) {
                    found(next, for: file, at: path)
                    next += 1
                } else if next + 1 < old.rows.count, old.withText(old.rows[next + 1].path, { RowIndex.same($0, path) }) {
                    found(next + 1, for: file, at: path)
                    next += 2
                } else {
                    elsewhere.append(table.append(path: path, stamp: file.stamp, kind: .unread))
                }
            }
        }
        // Files not where the rows were: new ones, unless some row was not found in order.
        if matched < old.rows.count && !elsewhere.isEmpty {
            let index = old.pathIndex()
            for position in elsewhere {
                let file = listing.files[position]
                let row = listing.withPath(of: file) { old.row(path: $0, in: index) }
                if let row, old.rows[row].stamp == file.stamp {
                    cached += 1
                    table.replace(position, with: old.rows[row])
                } else {
                    unread.append(position)
                }
            }
        } else {
            unread += elsewhere
        }
        unread.sort()
        (report.postsRead, report.postsFromCache) = (unread.count, cached)
        let outcomes = BuildRun.read(unread.map { listing.postFile(listing.files[$0])! }, with: reader)
        var added = 0
        for (row, outcome) in zip(unread, outcomes) {
            // A file changed just now might change again without its stamp changing.
            let cacheable = !isRecent(listing.files[row].stamp)
            if cacheable { added += 1 }
            switch outcome {
            case .post(let date, let canonicalURL, let categories):
                table.set(row, kind: .post, date: date.secondsSince1970, text: canonicalURL, categories: categories,
                          cacheable: cacheable)
            case .unpublished:
                table.set(row, kind: .unpublished, cacheable: cacheable)
            case .failed(let message):
                table.set(row, kind: .failed, text: message, cacheable: cacheable)
            }
        }
        // Records of files that are gone, changed or read again just now are dropped.
        recordChanges = added + old.rows.count - cached
        cache.records = table
        return table
    }

    /// Reads `files` on every core, front matter only, keeping their order.
    static func read(_ files: [PostFile], with reader: PostReader) -> [PostCache.Outcome] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return files.concurrentMap(chunks: workers * 8) { file -> PostCache.Outcome in
            do throws(PostError) {
                switch try reader.read(file, keepingBody: false) {
                case .published(let post):
                    return .post(date: post.date, canonicalURL: post.canonicalURL, categories: post.categories)
                case .unpublished: return .unpublished
                }
            } catch {
                return .failed(error.errorDescription ?? "\(error)")
            }
        }
    }
}
