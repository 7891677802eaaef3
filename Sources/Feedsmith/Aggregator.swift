import ArticleStore
import FeedModel
import FeedParsing
import FeedWriting
import Fetching
import Foundation

/// `feedsmith merge` and `feedsmith articles`: partner feeds → the site's article store → feeds.
public struct Aggregator: Sendable {
    public var site: URL
    /// How the user named the site folder, prefixed to every path in a message.
    public var displayPrefix: String
    public var fetchOptions: FetchOptions
    /// Told when the build after a merge waits for another run on the site (``SiteLock``).
    public var waiting: @Sendable (String) -> Void

    public init(site: String, fetchOptions: FetchOptions = .init(), waiting: @escaping @Sendable (String) -> Void = { _ in }) {
        self.site = URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL
        displayPrefix = SiteConfiguration.displayPrefix(site)
        self.fetchOptions = fetchOptions
        self.waiting = waiting
    }

    /// feeds.yml and the store, or nil with the reason in `report.fatal`.
    func openSite(reporting report: inout MergeReport) -> (SiteConfiguration, ArticleStore)? {
        do {
            let configuration = try SiteConfiguration.load(site: site, displayPrefix: displayPrefix)
            return (configuration, try openStore(configuration))
        } catch {
            report.fatal = error.errorDescription ?? "\(error)"
            return nil
        }
    }

    /// Merges each of `sources` (feed files or http(s) URLs) into the store, each in its own
    /// transaction, its articles taking `categories` besides their own; then rebuilds the feeds
    /// when `build` is set. A failing source is reported and the others still merge.
    public func merge(_ sources: [String], categories: [String], build: Bool) async -> MergeReport {
        var report = MergeReport()
        guard let (configuration, store) = openSite(reporting: &report) else { return report }
        let job = MergeJob(store: store, options: parseOptions(configuration), categories: Set(categories))
        let urls = sources.filter(FeedInspector.isURL)
        if urls.isEmpty {
            for source in sources { job.mergeFile(source, into: &report) }
        } else {
            do {
                try await FeedFetcher.withFetcher(options: fetchOptions) { fetcher in
                    for source in sources {
                        if FeedInspector.isURL(source) {
                            await job.mergeURL(source, fetcher: fetcher, into: &report)
                        } else {
                            job.mergeFile(source, into: &report)
                        }
                    }
                }
            } catch {
                report.errors.append("feedsmith: error: cannot shut the HTTP client down: \(error)")
            }
        }
        if build { report.build = await self.build(command: "merge") }
        return report
    }

    /// The store as a JSON Feed document, items sorted by canonical URL: equal stores give
    /// byte-identical text. A site without a store gives an empty feed (and no store is created).
    public func articlesJSON() throws(SiteError) -> String {
        let configuration = try SiteConfiguration.load(site: site, displayPrefix: displayPrefix)
        var articles: [Article] = []
        if FileManager.default.fileExists(atPath: SiteStore.path(configuration, site: site)) {
            let store = try openStore(configuration)
            do {
                articles = try store.articles().map(\.article)
            } catch {
                throw SiteError(path: displayPrefix + configuration.store, reason: error.reason)
            }
        }
        let document = FeedDocument(title: configuration.title, description: configuration.description,
                                    homePageURL: configuration.url + "/", selfURLs: [:],
                                    language: configuration.language, authors: [],
                                    timeZone: TimeZone(identifier: "UTC")!, articles: articles)
        return document.render(.json)
    }
}

extension Aggregator {
    /// The build that follows a merge, as `feedsmith build` runs it: under the site's lock,
    /// then the WebSub ping.
    func build(command: String) async -> BuildReport {
        await Publisher(site: displayPrefix.isEmpty ? "." : displayPrefix, waiting: waiting).buildAndNotify(command: command)
    }

    func openStore(_ configuration: SiteConfiguration) throws(SiteError) -> ArticleStore {
        do {
            return try ArticleStore(path: SiteStore.path(configuration, site: site))
        } catch {
            throw SiteError(path: displayPrefix + configuration.store, reason: error.reason)
        }
    }

    func parseOptions(_ configuration: SiteConfiguration) -> ParseOptions {
        ParseOptions(maxBytes: fetchOptions.maxBytes, timeZone: configuration.timeZone,
                     stripParameters: configuration.stripParameters)
    }
}
