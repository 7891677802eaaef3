import FeedModel

/// JSON Feed 1.1. Fields JSON Feed lacks (categories, sources) go in the `_feedsmith` extension.
struct JSONFeedWriter {
    let feed: FeedDocument

    func write() -> String {
        var root = JSONObject()
        root.set("version", "https://jsonfeed.org/version/1.1")
        root.set("title", feed.title)
        root.set("home_page_url", feed.homePageURL)
        root.set("feed_url", feed.selfURLs[.json])
        // JSON Feed's paging: `next_url` leads to older items, as `prev-archive` does.
        root.set("next_url", feed.archive?.previous.map { $0 + FeedFormat.json.fileName })
        root.set("description", feed.description)
        root.set("language", feed.language)
        if !feed.authors.isEmpty { root.set("authors", .array(feed.authors.map(JSONFeedWriter.author))) }
        if let hub = feed.hub {
            var endpoint = JSONObject()
            endpoint.set("type", "WebSub")
            endpoint.set("url", hub)
            root.set("hubs", .array([endpoint.value]))
        }
        root.set("items", .array(feed.articles.map { JSONFeedWriter.item($0, feed: feed) }))
        return root.value.serialized() + "\n"
    }

    /// The JSON Feed item of an article; `feed` gives the zone its dates are written in.
    static func item(_ article: Article, feed: FeedDocument) -> JSONValue {
        var item = JSONObject()
        item.set("id", article.canonicalURL)
        item.set("url", article.link)
        item.set("title", article.title)
        item.set("date_published", article.published.map { feed.rfc3339($0) })
        item.set("date_modified", article.effectiveUpdated.map { feed.rfc3339($0) })
        item.set("content_html", article.contentHTML)
        item.set("summary", article.summary)
        item.set("image", article.image)
        if !article.authors.isEmpty { item.set("authors", .array(article.authors.map(author))) }
        item.set("tags", strings: article.tags.sorted())
        if !article.enclosures.isEmpty {
            item.set("attachments", .array(article.enclosures.map { enclosure in
                var attachment = JSONObject()
                attachment.set("url", enclosure.url)
                attachment.set("mime_type", enclosure.type ?? "application/octet-stream")
                attachment.set("size_in_bytes", enclosure.length.map { JSONValue.number(Int64($0)) })
                return attachment.value
            }))
        }
        var extensions = JSONObject()
        extensions.set("categories", strings: article.categories.sorted())
        extensions.set("sources", strings: article.sources.sorted())
        item.set("_feedsmith", extensions.value)
        return item.value
    }

    static func author(_ author: Author) -> JSONValue {
        var object = JSONObject()
        object.set("name", author.name ?? author.email)
        object.set("url", author.uri ?? author.email.map { "mailto:" + $0 })
        return object.value
    }

    /// Appends the item of `article` at `indent` as UTF-8, byte for byte as `item(_:feed:)`
    /// would be written, without building the value first: the streaming writer's hot path.
    static func appendItem(_ article: Article, sources: Set<String>? = nil, feed: FeedDocument,
                           to out: inout [UInt8], indent: Int) {
        var item = ObjectWriter(indent: indent)
        item.member("id", article.canonicalURL, &out)
        item.member("url", article.link, &out)
        item.member("title", article.title, &out)
        item.date("date_published", article.published, feed, &out)
        item.date("date_modified", article.effectiveUpdated, feed, &out)
        item.member("content_html", article.contentHTML, &out)
        item.member("summary", article.summary, &out)
        item.member("image", article.image, &out)
        if !article.authors.isEmpty {
            item.key("authors", &out)
            var text = ""
            JSONValue.array(article.authors.map(author)).write(to: &text, indent: indent + 1)
            out += text.utf8
        }
        item.strings("tags", article.tags, &out)
        if !article.enclosures.isEmpty {
            item.key("attachments", &out)
            var text = ""
            JSONValue.array(article.enclosures.map { enclosure in
                var attachment = JSONObject()
                attachment.set("url", enclosure.url)
                attachment.set("mime_type", enclosure.type ?? "application/octet-stream")
                attachment.set("size_in_bytes", enclosure.length.map { JSONValue.number(Int64($0)) })
                return attachment.value
            }).write(to: &text, indent: indent + 1)
            out += text.utf8
        }
        item.key("_feedsmith", &out)
        var extensions = ObjectWriter(indent: indent + 1)
        extensions.strings("categories", article.categories, &out)
        extensions.strings("sources", sources ?? article.sources, &out)
        extensions.end(&out)
        item.end(&out)
    }
}

/// Writes one object's members straight into UTF-8 output, in the layout of ``JSONValue``.
private struct ObjectWriter {
    let indent: Int
    private var isEmpty = true

    init(indent: Int) {
        self.indent = indent
    }

    /// Keys are this file's own constants, none needing an escape: their bytes go out as
    /// they are.
    mutating func key(_ key: StaticString, _ out: inout [UInt8]) {
        // Bytes appended one by one: an array literal here was an allocation per member.
        out.append(isEmpty ? 0x7B : 0x2C)  // "{" or ","
        out.append(0x0A)
        isEmpty = false
        JSONValue.appendIndentation(indent + 1, to: &out)
        out.append(0x22)
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(0x22)
        out.append(0x3A)  // ": "
        out.append(0x20)
    }

    mutating func member(_ name: StaticString, _ value: String?, _ out: inout [UInt8]) {
        guard let value else { return }
        key(name, &out)
        JSONValue.appendString(value, to: &out)
    }

    /// A date in RFC 3339, written straight into the output (no escape needed).
    mutating func date(_ name: StaticString, _ value: Instant?, _ feed: FeedDocument, _ out: inout [UInt8]) {
        guard let value else { return }
        key(name, &out)
        out.append(0x22)
        feed.appendRFC3339(value, to: &out)
        out.append(0x22)
    }

    /// A set of strings, written sorted (one value needs no sorting, nor an array).
    mutating func strings(_ name: StaticString, _ values: Set<String>, _ out: inout [UInt8]) {
        switch values.count {
        case 0: return
        case 1:
            key(name, &out)
            out.append(0x5B)
            out.append(0x0A)
            JSONValue.appendIndentation(indent + 2, to: &out)
            JSONValue.appendString(values.first!, to: &out)
            out.append(0x0A)
            JSONValue.appendIndentation(indent + 1, to: &out)
            out.append(0x5D)
        default: strings(name, values.sorted(), &out)
        }
    }

    mutating func strings(_ name: StaticString, _ values: [String], _ out: inout [UInt8]) {
        guard !values.isEmpty else { return }
        key(name, &out)
        out.append(0x5B)  // "[\n"
        out.append(0x0A)
        for (index, value) in values.enumerated() {
            JSONValue.appendIndentation(indent + 2, to: &out)
            JSONValue.appendString(value, to: &out)
            if index + 1 < values.count { out.append(0x2C) }
            out.append(0x0A)
        }
        JSONValue.appendIndentation(indent + 1, to: &out)
        out.append(0x5D)  // "]"
    }

    func end(_ out: inout [UInt8]) {
        if isEmpty {
            out.append(0x7B)  // "{}"
            out.append(0x7D)
        } else {
            out.append(0x0A)
            JSONValue.appendIndentation(indent, to: &out)
            out.append(0x7D)
        }
    }
}
