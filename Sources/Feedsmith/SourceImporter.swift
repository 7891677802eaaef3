import FeedModel
import FeedParsing
import Foundation

/// `feedsmith sources import FILE.opml`: a feed reader's subscription list → `sources:` entries
/// appended to feeds.yml, the rest of the file (comments, order, spacing) left as written.
public struct SourceImporter: Sendable {
    public var site: URL
    /// How the user named the site folder, prefixed to every path in a message.
    public var displayPrefix: String
    /// Told when the import waits for another run on the site (``SiteLock``).
    public var waiting: @Sendable (String) -> Void

    public init(site: String, waiting: @escaping @Sendable (String) -> Void = { _ in }) {
        self.site = URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL
        displayPrefix = SiteConfiguration.displayPrefix(site)
        self.waiting = waiting
    }

    /// What an import did.
    public struct Report: Sendable, Hashable {
        public var added: [String] = []
        /// Subscriptions whose canonical URL is already a source (or repeated in the file).
        public var known: [String] = []
        /// `FILE: warning: …` for outlines that are not http(s) feeds.
        public var warnings: [String] = []
    }

    /// Adds every subscription of the OPML file at `path` that feeds.yml does not list yet,
    /// filed under the titles of its folders as categories. It holds the site's lock, so two
    /// imports at once both land in feeds.yml.
    public func importOPML(_ path: String) throws(SiteError) -> Report {
        let lock = SiteLock(site: site, command: "sources import", waiting: waiting)
        defer { lock.release() }
        let configuration = try SiteConfiguration.load(site: site, displayPrefix: displayPrefix)
        let yamlPath = displayPrefix + SiteConfiguration.fileName
        let yamlURL = site.appendingPathComponent(SiteConfiguration.fileName)
        guard let text = try? String(contentsOf: yamlURL, encoding: .utf8) else {
            throw SiteError(path: yamlPath, reason: "cannot read the file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiteError(path: path, reason: "cannot read the file")
        }
        let subscriptions: [OPMLSubscription]
        do {
            subscriptions = try OPMLReader.subscriptions(in: data, path: path)
        } catch {
            throw SiteError(path: path, line: error.line, reason: error.reason)
        }
        var report = Report()
        if let warning = lock.warning { report.warnings.append(warning) }
        var seen = Set(configuration.sources.map { CanonicalURL.canonical($0.url) ?? $0.url })
        var entries: [(url: String, categories: [String])] = []
        for subscription in subscriptions {
            guard let canonical = CanonicalURL.canonical(subscription.url),
                  subscription.url.lowercased().hasPrefix("http") else {
                report.warnings.append("\(path): warning: skipped '\(subscription.url)': not an absolute http(s) URL")
                continue
            }
            guard seen.insert(canonical).inserted else { report.known.append(subscription.url); continue }
            entries.append((subscription.url, subscription.folders))
            report.added.append(subscription.url)
        }
        guard !entries.isEmpty else { return report }
        let updated = try SourcesBlock.appending(entries, to: text, path: yamlPath)
        // What is written must read back as a configuration with the new sources.
        var reader = try ConfigReader(yaml: updated, path: yamlPath)
        _ = try reader.configuration()
        _ = try OutputFolder(root: site, displayPath: displayPrefix).write(updated, to: SiteConfiguration.fileName)
        return report
    }
}
