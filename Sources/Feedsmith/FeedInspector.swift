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
        var json: [UInt8] = []
        let warnings = try writeJSONFeed(of: source) { json += $0 }
        return (String(decoding: json, as: UTF8.self), warnings)
    }

    /// Streams the JSON Feed of the feed file at `source` to `write` as UTF-8, in chunks of
    /// about 1 MiB, and returns the warnings (`path: warning: …`). Memory stays that of one item.
    public func writeJSONFeed(of source: String, to write: ([UInt8]) -> Void) throws(SiteError) -> [String] {
        var stream = JSONFeedStream(timeZone: TimeZone(identifier: "UTC")!)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 1 << 16)
        var started = false
        let parsed: ParsedFeed
        // Made once: a file's articles all come with the same sources (`[""]`: no URL), and
        // a set built per article was a visible share of a large feed's time.
        let unnamed: Set<String> = [""], named: Set<String> = [source], none: Set<String> = []
        do {
            parsed = try FeedParser(options: options).parse(fileAt: source) { header, article in
                if !started {
                    buffer += stream.begin(FeedInspector.header(of: header)).utf8
                    started = true
                }
                var sources = article.sources
                if sources == unnamed {
                    sources = header.feedURL == nil ? named : none
                } else if sources.contains("") {
                    sources.remove("")
                    if header.feedURL == nil { sources.insert(source) }
                } else if header.feedURL == nil, !sources.contains(source) {
                    sources.insert(source)
                }
                stream.item(article, sources: sources, to: &buffer)
                if buffer.count >= 1 << 20 {
                    write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            write(buffer)
            throw SiteError(path: source, line: error.line, reason: error.reason)
        }
        if !started { buffer += stream.begin(FeedInspector.header(of: parsed), complete: true).utf8 }
        buffer += stream.end(FeedInspector.header(of: parsed)).utf8
        write(buffer)
        return parsed.warnings.map { "\(source): warning: \($0)" }
    }

    static func header(of feed: ParsedFeed) -> JSONFeedStream.Header {
        JSONFeedStream.Header(title: feed.title, homePageURL: feed.link, feedURL: feed.feedURL,
                              language: feed.language)
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
