/// FeedParsing: any real-world RSS, Atom or JSON Feed document → the article model, read as a
/// stream with libxml2, lenient like feedparser and safe on hostile input.
import CLibXML2
import FeedModel
import Foundation
import HTMLCleaning

/// Parses one feed document into articles.
public struct FeedParser: Sendable {
    /// The limits and per-source settings this parser applies.
    public var options: ParseOptions

    /// A parser with `options` (defaults: 20 MiB, depth 256, UTC).
    public init(options: ParseOptions = .init()) {
        self.options = options
    }

    /// The feed in `data`, fetched from or read at `url`, with the HTTP `Content-Type` if any.
    public func parse(_ data: Data, url: String?, contentType: String? = nil) throws(FeedParseError)
        -> ParsedFeed {
        guard data.count <= options.maxBytes else {
            throw FeedParseError(location: url, reason:
                "feed is \(data.count) bytes, over the limit of \(options.maxBytes)")
        }
        let rootBase = url.flatMap { CanonicalURL.canonical($0) != nil ? $0 : nil }
        var warnings: [String] = []
        let (format, channel) = try isJSON(data)
            ? readJSON(data, url: url, base: rootBase)
            : readXML(data, url: url, contentType: contentType, base: rootBase, warnings: &warnings)
        return assemble(format, channel, url: url, base: rootBase, warnings: warnings)
    }
}

private extension FeedParser {
    /// JSON Feed starts with `{` after any BOM and white space; XML never does.
    func isJSON(_ data: Data) -> Bool {
        let start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        return start.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }

    func readJSON(_ data: Data, url: String?, base: String?) throws(FeedParseError)
        -> (FeedFormatKind, ChannelDraft) {
        let result: (FeedFormatKind, ChannelDraft)?
        do {
            result = try JSONFeedReader.read(data, base: base)
        } catch {
            throw FeedParseError(location: url, reason: "invalid JSON: \(error.localizedDescription)")
        }
        guard let result else {
            throw FeedParseError(location: url, reason: "JSON document is not a JSON Feed (no version or items)")
        }
        return result
    }

    func assemble(_ format: FeedFormatKind, _ channel: ChannelDraft, url: String?, base: String?,
                  warnings: [String]) -> ParsedFeed {
        var warnings = warnings
        let homePage = channel.link.flatMap { link in
            [link.base, base].compactMap { $0 }.lazy
                .compactMap { URLReference.resolve(link.href, against: $0) }.first
                ?? URLReference.resolve(link.href, against: link.href)
        }
        let source = url ?? channel.feedURL
        let context = ArticleContext(
            source: url, sourceKey: source.flatMap { CanonicalURL.canonical($0) } ?? "",
            channelLink: homePage, isAtom: format == .atom03 || format == .atom10, options: options)
        let articles = channel.items.map { $0.article(in: context, warnings: &warnings) }
        let title = channel.title.map { value in
            value.kind == .text ? XMLText.collapsingSpace(value.text) : HTMLCleaner.plainText(value.text)
        } ?? ""
        return ParsedFeed(format: format, title: title, link: homePage ?? channel.link?.href,
                          feedURL: channel.feedURL, language: channel.language,
                          articles: articles, warnings: warnings)
    }
}
