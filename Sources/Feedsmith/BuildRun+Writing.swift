import ArticleStore
import Foundation
import FeedModel
import FeedWriting
import Posts
import Synchronization

extension BuildRun {
    mutating func write(_ posts: SitePosts, stored: [MergedArticle], report: inout BuildReport) throws(SiteError) {
        let output = OutputFolder(root: publisher.site.appendingPathComponent(configuration.output),
                                  displayPath: publisher.displayPrefix + configuration.output + "/")
        let plan = FeedPlan(posts: posts, stored: stored, configuration: configuration) { folder in
            (try? String(contentsOf: output.root.appendingPathComponent(ArchiveManifest.path(home: folder)), encoding: .utf8))
                .map(ArchiveManifest.pages) ?? []
        }
        output.removeLeftovers()
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
        // Each output: its path, its feed and format (nil for the pages), what it is made from,
        // and whether it must be rendered.
        var paths: [(path: String, feed: (index: Int, format: FeedFormat)?, inputs: ContentDigest?)] = []
        for (index, feed) in plan.feeds.enumerated() {
            for format in configuration.formats {
                paths.append((feed.folder + format.fileName, (index, format),
                              feedInputs[index].map { ContentDigest(hashing: Array(($0.hex + format.fileName).utf8)) }))
            }
        }
        paths.append(("feeds.opml", nil, pageInputs))
        paths.append(("index.html", nil, pageInputs))
        // The feeds' stylesheet: constant text, so its record's inputs are that text.
        let stylesheet = configuration.stylesheet ? FeedStylesheet.fileName : nil
        if let stylesheet { paths.append((stylesheet, nil, ContentDigest(hashing: Array(FeedStylesheet.text.utf8)))) }
        let stale = paths.map { !isCurrent($0.path, $0.inputs) }
        // Only the feeds written, and for the pages every feed's latest five, are rendered, a
        // batch of feeds at a time: a first build with archives renders every post of the site,
        // and only one batch's articles are held at once.
        let pagesStale = zip(paths, stale).contains { $0.feed == nil && $0.path != stylesheet && $1 }
        let rendered = Set(zip(paths, stale).compactMap { $1 ? $0.feed?.index : nil })
        var listings: [FeedListing] = []
        var failure: SiteError?
        var position = 0
        for start in stride(from: 0, to: plan.feeds.count, by: 64) {
            let batch = start..<min(start + 64, plan.feeds.count)
            let wanted = batch.filter { rendered.contains($0) || pagesStale && plan.feeds[$0].isSubscription }
            let articles = self.articles(for: wanted.flatMap { index in
                rendered.contains(index) ? plan.feeds[index].entries : Array(plan.feeds[index].entries.prefix(5))
            })
            for index in batch {
                let feed = plan.feeds[index]
                var document: FeedDocument?
                if wanted.contains(index) {
                    let entries = rendered.contains(index) ? feed.entries : Array(feed.entries.prefix(5))
                    document = plan.document(for: feed, articles: entries.compactMap { articles[$0.canonicalURL] })
                }
                if pagesStale, feed.isSubscription, let document {
                    // The pages list the feeds one subscribes to, not their archive pages.
                    listings.append(FeedListing(title: document.title, category: feed.category, urls: document.selfURLs,
                                                latest: document.articles.prefix(5).map { ($0.title, $0.link) }))
                }
                while position < paths.count, let (owner, format) = paths[position].feed, owner == index {
                    let (path, _, inputs) = paths[position]
                    if stale[position], let document {
                        report.filesRendered += 1
                        let changed = feed.isSubscription ? document.selfURLs[format] : nil
                        put(document.render(format), path, inputs, output, &report, &failure, changedFeed: changed)
                    } else {
                        report.unchanged.append(path)
                    }
                    position += 1
                }
            }
        }
        for (index, (path, _, inputs)) in paths.enumerated().dropFirst(position) {
            guard stale[index] else {
                report.unchanged.append(path)
                continue
            }
            report.filesRendered += 1
            if path == stylesheet {
                put(FeedStylesheet.text, path, inputs, output, &report, &failure)
            } else {
                let pages = SitePages(title: configuration.title, description: configuration.description,
                                      homePageURL: configuration.url, language: configuration.language, feeds: listings)
                put(path == "index.html" ? pages.indexHTML() : pages.opml(), path, inputs, output, &report, &failure)
            }
        }
        // Which items each archive page holds, once the pages are written (only those that
        // changed: the plan read them all).
        if failure == nil {
            for (path, text) in plan.changedManifests {
                do { _ = try output.write(text, to: path) } catch { failure = error }
            }
        }
        outputsSettled = failure == nil && paths.allSatisfy { $0.inputs != nil && cache.outputs[$0.path]?.inputs == $0.inputs }
        // Records of outputs this site no longer has.
        let current = Set(paths.map(\.path))
        if cache.outputs.keys.contains(where: { !current.contains($0) }) {
            cache.outputs = cache.outputs.filter { current.contains($0.key) }
            cacheChanged = true
        }
        if let failure { throw failure }
    }

    /// Writes `contents` to `path` (when its bytes changed) and records what it was made from;
    /// a failure is kept for the end, so the other files are still written.
    mutating func put(_ contents: String, _ path: String, _ inputs: ContentDigest?, _ output: OutputFolder,
                      _ report: inout BuildReport, _ failure: inout SiteError?, changedFeed: String? = nil) {
        do {
            if try output.write(contents, to: path) {
                report.written.append(path)
                if let changedFeed { report.changedFeeds.append(changedFeed) }
            } else {
                report.unchanged.append(path)
            }
            record(path, inputs: inputs, stamp: FileStamp.of(output.root.appendingPathComponent(path).path))
        } catch {
            failure = failure ?? error
        }
    }

    /// Records what `path` was rendered from. Without `inputs` (a post in it is too recent to
    /// be sure of) the old record stays: it cannot match again, since the inputs it names are
    /// no longer the feed's, and keeping it spares rewriting the cache for a just-added post.
    mutating func record(_ path: String, inputs: ContentDigest?, stamp: FileStamp?) {
        guard let inputs else { return }
        let new = stamp.map { PostCache.Output(inputs: inputs, stamp: $0) }
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
        // The archive links written: a page's own number and whether a newer page follows,
        // the subscription document's count of pages (so old pages stay current as pages come).
        if let archive = feed.archive {
            add(archive.page.map { "page \($0) \(archive.next != nil)" } ?? "pages \(archive.pages)")
        }
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

