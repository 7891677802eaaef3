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
        var json = ""
        let warnings = try writeJSONFeed(of: source) { json += $0 }
        return (json, warnings)
    }

    /// Streams the JSON Feed of the feed file at `source` to `write`, item by item, and returns
    /// the warnings (`path: warning: …`). Memory stays that of one item.
    public func writeJSONFeed(of source: String, to write: (String) -> Void) throws(SiteError) -> [String] {
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            // Fetching (conditional GET, redirects, limits) belongs to the aggregator issue.
            throw SiteError(path: source, reason: "fetching URLs is not built yet; save the feed to a file and parse the file")
        }
        var stream = JSONFeedStream(timeZone: TimeZone(identifier: "UTC")!)
        var started = false
        let parsed: ParsedFeed
        do {
            parsed = try FeedParser(options: options).parse(fileAt: source) { header, article in
                if !started {
                    write(stream.begin(FeedInspector.header(of: header)))
                    started = true
                }
                var article = article
                article.sources = article.sources.filter { !$0.isEmpty }
                if header.feedURL == nil { article.sources.insert(source) }
                write(stream.item(article))
            }
        } catch {
            throw SiteError(path: source, line: error.line, reason: error.reason)
        }
        if !started { write(stream.begin(FeedInspector.header(of: parsed), complete: true)) }
        write(stream.end(FeedInspector.header(of: parsed)))
        return parsed.warnings.map { "\(source): warning: \($0)" }
    }

    static func header(of feed: ParsedFeed) -> JSONFeedStream.Header {
        JSONFeedStream.Header(title: feed.title, homePageURL: feed.link, feedURL: feed.feedURL,
                              language: feed.language)
    }
}
