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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: source))
        } catch {
            throw SiteError(path: source, reason: "cannot read the file")
        }
        let parsed: ParsedFeed
        do {
            parsed = try FeedParser(options: options).parse(data, url: nil)
        } catch {
            throw SiteError(path: source, line: error.line, reason: error.reason)
        }
        return render(parsed, source: source)
    }

    /// The JSON Feed document for `parsed`, read from `source`, and its warnings.
    func render(_ parsed: ParsedFeed, source: String) -> (json: String, warnings: [String]) {
        var parsed = parsed
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
