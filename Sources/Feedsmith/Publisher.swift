import ArticleStore
import Foundation
import FeedModel
import FeedWriting
import Posts

/// `feedsmith build`: the site's posts → per-category feeds under the output folder.
public struct Publisher: Sendable {
    public var site: URL
    /// How the user named the site folder, prefixed to every path in a message.
    public var displayPrefix: String
    /// The clock, for one rule only: posts dated in the future are not published yet.
    public var now: @Sendable () -> Instant

    public init(site: String, now: @escaping @Sendable () -> Instant = { Instant.current }) {
        self.site = URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL
        let trimmed = site.hasSuffix("/") ? String(site.dropLast()) : site
        displayPrefix = trimmed.isEmpty || trimmed == "." ? "" : trimmed + "/"
        self.now = now
    }

    /// Builds every feed; problems are in the report, never thrown.
    public func build() -> BuildReport {
        var report = BuildReport()
        do {
            let configuration = try SiteConfiguration.load(site: site, displayPrefix: displayPrefix)
            let posts = readPosts(configuration, report: &report)
            let stored = try storedArticles(configuration)
            try write(posts, stored: stored, configuration: configuration, report: &report)
        } catch {
            report.fatal = error.errorDescription ?? "\(error)"
        }
        return report
    }
}

private extension Publisher {
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

    func readPosts(_ configuration: SiteConfiguration, report: inout BuildReport) -> [Post] {
        let postsConfiguration = PostsConfiguration(
            siteURL: configuration.url, timeZone: configuration.timeZone, permalink: configuration.permalink,
            postsFolder: configuration.posts, exclude: configuration.exclude + [configuration.output],
            defaultAuthor: configuration.author, stripParameters: configuration.stripParameters, now: now())
        let finder = PostFinder(root: site, postsFolder: configuration.posts, exclude: postsConfiguration.exclude)
        let found = finder.find()
        for path in found.ignored {
            report.warnings.append("\(displayPrefix)\(path): warning: not a post: a post's name is YYYY-MM-DD-title.md (or .markdown, .html)")
        }
        let reader = PostReader(configuration: postsConfiguration, root: site, displayPrefix: displayPrefix)
        var byCanonicalURL: [String: Post] = [:]
        for file in found.posts {
            do {
                guard case .published(let post) = try reader.read(file) else { continue }
                if let other = byCanonicalURL[post.canonicalURL] {
                    // Same identity twice: keep the newer post (then the later path), as the merge would.
                    let (kept, dropped) = (other.date, other.file.relativePath) > (post.date, post.file.relativePath)
                        ? (other, post) : (post, other)
                    byCanonicalURL[post.canonicalURL] = kept
                    report.warnings.append("\(displayPrefix)\(dropped.file.relativePath): warning: same canonical URL as \(displayPrefix)\(kept.file.relativePath) (\(post.canonicalURL)); only the newer is published")
                } else {
                    byCanonicalURL[post.canonicalURL] = post
                }
            } catch {
                report.errors.append(error.errorDescription ?? "\(error)")
            }
        }
        return Array(byCanonicalURL.values)
    }

    func write(_ posts: [Post], stored: [MergedArticle], configuration: SiteConfiguration,
               report: inout BuildReport) throws(SiteError) {
        let plan = FeedPlan(posts: posts, stored: stored, configuration: configuration)
        var articles: [String: Article] = [:]
        for entry in plan.selectedEntries { articles[entry.canonicalURL] = entry.article() }
        let output = OutputFolder(root: site.appendingPathComponent(configuration.output),
                                  displayPath: displayPrefix + configuration.output + "/")
        var files: [(String, String)] = []
        var listings: [FeedListing] = []
        for feed in plan.feeds {
            let document = plan.document(for: feed, articles: feed.entries.compactMap { articles[$0.canonicalURL] })
            for format in configuration.formats {
                files.append((feed.folder + format.fileName, document.render(format)))
            }
            listings.append(FeedListing(title: document.title, category: feed.category, urls: document.selfURLs,
                                        latest: document.articles.prefix(5).map { ($0.title, $0.link) }))
        }
        let pages = SitePages(title: configuration.title, description: configuration.description,
                              homePageURL: configuration.url, language: configuration.language, feeds: listings)
        files.append(("feeds.opml", pages.opml()))
        files.append(("index.html", pages.indexHTML()))
        var failure: SiteError?
        for (path, contents) in files {
            do {
                if try output.write(contents, to: path) { report.written.append(path) } else { report.unchanged.append(path) }
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }
}

public extension Instant {
    /// The current time, from the system clock.
    static var current: Instant { Instant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}
