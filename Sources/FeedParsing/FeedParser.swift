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
    /// How much of an XML document libxml2 is given at a time; tests make it small to cut a
    /// small feed at many places.
    var chunkSize = SAXStream.defaultChunkSize

    /// A parser with `options` (defaults: 20 MiB, depth 256, UTC).
    public init(options: ParseOptions = .init()) {
        self.options = options
    }

    /// The feed in `data`, fetched from or read at `url`, with the HTTP `Content-Type` if any.
    public func parse(_ data: Data, url: String?, contentType: String? = nil) throws(FeedParseError)
        -> ParsedFeed {
        var articles: [Article] = []
        var feed = try parse(data, url: url, contentType: contentType) { _, article in
            articles.append(article)
        }
        feed.articles = articles
        return feed
    }

    /// Streams the feed in `data`: each article goes to `each` as soon as its item ends, with
    /// the channel fields read so far (the title and home page come before the items in
    /// practice). The result holds the channel fields and warnings, and no articles; memory
    /// stays that of one item, whatever the size of the feed.
    public func parse(_ data: Data, url: String?, contentType: String? = nil,
                      each: (ParsedFeed, Article) -> Void) throws(FeedParseError) -> ParsedFeed {
        try parse(data, url: url, contentType: contentType, mapped: false, fileName: nil, each: each)
    }

    /// Streams the feed file at `path` like ``parse(_:url:contentType:each:)``, reading it
    /// through a file mapping: memory stays flat however large the file (up to `maxBytes`).
    public func parse(fileAt path: String, each: (ParsedFeed, Article) -> Void) throws(FeedParseError)
        -> ParsedFeed {
        try parse(mappedFile: MappedFile.data(at: path), at: path, each: each)
    }

    /// The same for a file the caller has already mapped with ``MappedFile/data(at:)`` (to
    /// look at its bytes first) — no second read.
    public func parse(mappedFile data: Data, at path: String,
                      each: (ParsedFeed, Article) -> Void) throws(FeedParseError) -> ParsedFeed {
        try parse(data, url: nil, contentType: nil, mapped: true, fileName: path, each: each)
    }
}

private extension FeedParser {
    /// Feeds from this size on are read on two threads (``ItemPipeline``).
    static let pipelineThreshold = 1 << 20

    func parse(_ data: Data, url: String?, contentType: String?, mapped: Bool, fileName: String?,
               each: (ParsedFeed, Article) -> Void) throws(FeedParseError) -> ParsedFeed {
        guard data.count <= options.maxBytes else {
            throw FeedParseError(location: url, reason:
                "feed is \(data.count) bytes, over the limit of \(options.maxBytes)")
        }
        let rootBase = url.flatMap { CanonicalURL.canonical($0) != nil ? $0 : nil }
        var warnings: [String] = []
        var emitter = ArticleEmitter(parser: self, url: url, base: rootBase, fileName: fileName)
        let (format, channel): (FeedFormatKind, ChannelDraft)
        if isJSON(data) {
            (format, channel) = try readJSON(data, url: url, base: rootBase)
            for item in channel.items {
                emitter.emit(item, format: format, channel: channel, warnings: &warnings, each: each)
            }
        } else {
            var itemWarnings: [String] = []
            if data.count < Self.pipelineThreshold {
                (format, channel, warnings) = try readXML(data, url: url, contentType: contentType,
                                                          base: rootBase, mapped: mapped) { format, channel, item in
                    emitter.emit(item, format: format, channel: channel, warnings: &itemWarnings, each: each)
                }
            } else {
                // The consumer thread is the only one touching the emitter, the warnings and
                // `each` until `finish()` returns; this thread only reads XML meanwhile.
                let result = try withoutActuallyEscaping(each) { each throws(FeedParseError) in
                    let buffers = ItemTextBuffers()
                    var threaded = emitter
                    threaded.textBuffers = buffers
                    let state = Handoff(value: UnsafeMutablePointer<(ArticleEmitter, [String])>.allocate(capacity: 1))
                    state.value.initialize(to: (threaded, []))
                    defer { state.value.deinitialize(count: 1); state.value.deallocate() }
                    let consumer = ArticleSink(each: each)
                    let pipeline = ItemPipeline { (job: __owned ItemPipeline.Job) in
                        let (format, channel, item) = job
                        state.value.pointee.0.emit(item, format: format, channel: channel,
                                                   warnings: &state.value.pointee.1, each: consumer.each)
                    }
                    let read: (FeedFormatKind, ChannelDraft, [String])
                    do throws(FeedParseError) {
                        read = try readXML(data, url: url, contentType: contentType, base: rootBase,
                                           mapped: mapped, textBuffers: buffers) { format, channel, item in
                            pipeline.push((format, channel, item))
                        }
                        pipeline.finish()
                    } catch {
                        pipeline.finish()
                        throw error
                    }
                    return (read, state.value.pointee.0, state.value.pointee.1)
                }
                (format, channel, warnings) = result.0
                emitter = result.1
                itemWarnings = result.2
            }
            warnings += itemWarnings
        }
        var feed = emitter.header ?? header(format, channel, base: rootBase)
        if feed.title.isEmpty { feed.title = header(format, channel, base: rootBase).title }
        feed.warnings = warnings
        return feed
    }
}

/// The caller's `each`, handed to the pipeline's thread like a ``Handoff``. Not generic: a
/// closure kept as a generic value is called through a thunk that copies every article and
/// feed header into memory and destroys them after (a large feed's share of retains).
struct ArticleSink: @unchecked Sendable {
    let each: (ParsedFeed, Article) -> Void
}

/// Turns item drafts into articles in one context, fixed when the first item ends.
struct ArticleEmitter {
    let parser: FeedParser
    let url: String?
    let base: String?
    /// The path a file was read from: with no URL for the feed, it names the source in the
    /// keys of items that have no link, so the same guid in two files gives two articles.
    let fileName: String?
    private(set) var header: ParsedFeed?
    private var context: ArticleContext?
    /// Where the items' emptied text arrays go back to the reader (two threads only).
    var textBuffers: ItemTextBuffers?

    init(parser: FeedParser, url: String?, base: String?, fileName: String? = nil) {
        self.parser = parser
        self.url = url
        self.base = base
        self.fileName = fileName
    }

    /// `channel` is needed with the first item only (later ones may pass nil).
    mutating func emit(_ item: consuming ItemDraft, format: FeedFormatKind, channel: ChannelDraft?,
                       warnings: inout [String], each: (ParsedFeed, Article) -> Void) {
        if context == nil {
            let channel = channel ?? ChannelDraft()
            let feed = parser.header(format, channel, base: base)
            header = feed
            let source = url ?? channel.feedURL
            context = ArticleContext(
                source: url, sourceKey: source.flatMap { CanonicalURL.canonical($0) } ?? fileName ?? "",
                channelLink: feed.link.flatMap { URLReference.resolve($0, against: $0) },
                isAtom: format == .atom03 || format == .atom10, options: parser.options)
        }
        let records = item.takePendingText()
        textBuffers?.handBack(records)
        each(header!, item.article(in: context!, warnings: &warnings))
    }
}

extension FeedParser {
    /// The channel fields as a feed with no articles: title as plain text, home page absolute.
    func header(_ format: FeedFormatKind, _ channel: ChannelDraft, base: String?) -> ParsedFeed {
        let homePage = channel.link.flatMap { link in
            [link.base, base].compactMap { $0 }.lazy
                .compactMap { URLReference.resolve(link.href, against: $0) }.first
                ?? URLReference.resolve(link.href, against: link.href)
        }
        let title = channel.title.map { value in
            value.kind == .text ? XMLText.collapsingSpace(value.text) : HTMLCleaner.plainText(value.text)
        } ?? ""
        return ParsedFeed(format: format, title: title, link: homePage ?? channel.link?.href,
                          feedURL: channel.feedURL, language: channel.language)
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
}
