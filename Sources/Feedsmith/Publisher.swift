import ArticleStore
import Foundation
import FeedModel
import FeedWriting
import Posts

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
    /// Told when the build waits for another run on the site (``SiteLock``).
    public var waiting: @Sendable (String) -> Void

    public init(site: String, usesCache: Bool = true, now: @escaping @Sendable () -> Instant = { Instant.current },
                waiting: @escaping @Sendable (String) -> Void = { _ in }) {
        self.site = URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL
        displayPrefix = SiteConfiguration.displayPrefix(site)
        self.usesCache = usesCache
        self.now = now
        self.waiting = waiting
    }

    /// Builds every feed, after any other run on the site (its lock is waited for on a thread of
    /// its own, so waiting blocks no task); problems are in the report, never thrown. Then the
    /// WebSub ping for the feeds it changed, after the lock is let go: a slow hub holds up no
    /// other run. `command` names the run to others that wait (`build`, or `merge` for the build
    /// after one). A process that exits right after (the command line) passes
    /// `freeingMemory: false`: giving back a 100,000-post site's records one by one was a tenth of
    /// a build that found nothing changed.
    public func buildAndNotify(command: String = "build", freeingMemory: Bool = true) async -> BuildReport {
        let lock = await SiteLock.taking(site: site, command: command, waiting: waiting)
        var report = buildHoldingLock(freeingMemory: freeingMemory)
        lock.release()
        if let warning = lock.warning { report.warnings.insert(warning, at: 0) }
        await report.notifyHub()
        return report
    }

    /// ``buildAndNotify(command:freeingMemory:)`` without the lock or the ping.
    func buildHoldingLock(freeingMemory: Bool = true) -> BuildReport {
        var report = BuildReport()
        do {
            let configuration = try SiteConfiguration.load(site: site, displayPrefix: displayPrefix)
            report.hub = configuration.websubHub
            let cachePath = site.appendingPathComponent(PostCache.fileName).path
            // A killed run's temporary post cache (and feeds.yml, from sources import).
            AtomicFile.removeLeftovers(in: site.path, recursive: false)
            var run = BuildRun(configuration: configuration, publisher: self, cacheKey: cacheKey(configuration),
                               cachePath: usesCache ? cachePath : nil)
            let listing = run.list()
            if !run.isUnchanged(listing, report: &report) {
                let posts = run.readPosts(listing, report: &report)
                let stored = try storedArticles(configuration)
                try run.write(posts, stored: stored, report: &report)
                run.takeSnapshot(of: posts)
                if !freeingMemory { _ = Unmanaged.passRetained(Leftovers((run, posts, stored))) }
            }
            if usesCache && (run.cacheChanged || run.savesRecords) {
                do {
                    try run.cache.save(cachePath, records: run.savesRecords)
                } catch {
                    report.warnings.append("\(displayPrefix)\(PostCache.fileName): warning: cannot save the post cache (\(error.reason)); the next build reads every post again")
                }
            }
        } catch {
            report.fatal = error.errorDescription ?? "\(error)"
        }
        return report
    }
}

/// What a build leaves unfreed when its process is about to exit.
private final class Leftovers {
    let values: Any
    init(_ values: Any) { self.values = values }
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

public extension Instant {
    /// The current time, from the system clock.
    static var current: Instant { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}
