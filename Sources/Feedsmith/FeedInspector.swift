import Foundation
import FeedModel
import FeedParsing
import FeedWriting

/// `feedsmith parse`: one feed file → a JSON Feed document in the article model.
public struct FeedInspector: Sendable {
    public var options: ParseOptions

    public init(options: ParseOptions = .init()) {
        self.options = options
    }

    /// The JSON Feed text and the warnings (`path: warning: …`) for the feed at `source`.
    public func jsonFeed(of source: String) throws(SiteError) -> (json: String, warnings: [String]) {
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            // Fetching (conditional GET, redirects, limits) belongs to the aggregator issue.
            throw SiteError(path: source, reason: "fetching URLs is not built yet; save the feed to a file and parse the file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: source))
        } catch {
            throw SiteError(path: source, reason: "cannot read the file")
        }
        var parsed: ParsedFeed
        do {
            parsed = try FeedParser(options: options).parse(data, url: nil)
        } catch {
            throw SiteError(path: source, line: error.line, reason: error.reason)
        }
        for index in parsed.articles.indices {
            parsed.articles[index].sources = parsed.articles[index].sources.filter { !$0.isEmpty }.union(parsed.feedURL == nil ? [source] : [])
        }
        var selfURLs: [FeedFormat: String] = [:]
        if let feedURL = parsed.feedURL { selfURLs[.json] = feedURL }
        let document = FeedDocument(title: parsed.title, description: nil, homePageURL: parsed.link ?? "",
                                    selfURLs: selfURLs, language: parsed.language, authors: [],
                                    timeZone: TimeZone(identifier: "UTC")!, articles: parsed.articles)
        return (document.render(.json), parsed.warnings.map { "\(source): warning: \($0)" })
    }
}
