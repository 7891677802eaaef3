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
        root.set("description", feed.description)
        root.set("language", feed.language)
        if !feed.authors.isEmpty { root.set("authors", .array(feed.authors.map(JSONFeedWriter.author))) }
        root.set("items", .array(feed.articles.map { JSONFeedWriter.item($0, feed: feed) }))
        return root.value.serialized() + "\n"
    }

    /// The JSON Feed item of an article; `feed` gives the zone its dates are written in.
    static func item(_ article: Article, feed: FeedDocument) -> JSONValue {
        var item = JSONObject()
        item.set("id", article.canonicalURL)
        item.set("url", article.link)
        item.set("title", article.title)
        item.set("date_published", article.published.map(feed.rfc3339))
        item.set("date_modified", article.effectiveUpdated.map(feed.rfc3339))
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
}
