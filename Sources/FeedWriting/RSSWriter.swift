import FeedModel

/// RSS 2.0, with the Atom namespace for `rel="self"`, `content:encoded` for full content and
/// Dublin Core for authors without an e-mail address (RSS's `<author>` must hold one).
struct RSSWriter {
    let feed: FeedDocument

    func write() -> String {
        var xml = XMLBuilder()
        if let href = feed.stylesheet { xml.stylesheet(href) }
        xml.open("rss", [("version", "2.0"), ("xmlns:atom", "http://www.w3.org/2005/Atom"),
                         ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
                         ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
                         ("xmlns:media", "http://search.yahoo.com/mrss/")]
                         + (feed.archive?.isArchive == true ? [("xmlns:fh", ArchiveLinks.namespace)] : []))
        xml.open("channel")
        xml.element("title", feed.title)
        xml.element("link", feed.homePageURL)
        xml.element("description", feed.description ?? feed.title)
        if let self_ = feed.selfURLs[.rss] {
            xml.element("atom:link", nil, [("href", self_), ("rel", "self"), ("type", FeedFormat.rss.mediaType)])
        }
        if let hub = feed.hub { xml.element("atom:link", nil, [("href", hub), ("rel", "hub")]) }
        if let archive = feed.archive {
            if archive.isArchive { xml.element("fh:archive", nil) }
            for link in archive.links(.rss) {
                xml.element("atom:link", nil, [("href", link.href), ("rel", link.rel), ("type", FeedFormat.rss.mediaType)])
            }
        }
        if let language = feed.language { xml.element("language", language) }
        if let editor = feed.authors.first, let email = editor.email {
            xml.element("managingEditor", editor.name.map { "\(email) (\($0))" } ?? email)
        }
        xml.element("generator", "feedsmith \(feedsmithVersion)")
        xml.element("docs", "https://www.rssboard.org/rss-specification")
        xml.element("lastBuildDate", feed.rfc822(feed.updated))
        for article in feed.articles { item(article, into: &xml) }
        xml.close("channel")
        xml.close("rss")
        return xml.text
    }

    private func item(_ article: Article, into xml: inout XMLBuilder) {
        xml.open("item")
        xml.element("title", article.title)
        if let link = article.link { xml.element("link", link) }
        // The id is permanent; it is a permalink only when it is also the link itself.
        let isPermaLink = article.canonicalURL == article.link
        xml.element("guid", article.canonicalURL, [("isPermaLink", isPermaLink ? "true" : "false")])
        if let published = article.published { xml.element("pubDate", feed.rfc822(published)) }
        // RSS allows one <author> (an e-mail address) per item, and the W3C validator warns when
        // an item has both it and <dc:creator>: one author with an address is <author>, else
        // every author is a <dc:creator>.
        if article.authors.count == 1, let author = article.authors.first, let email = author.email {
            xml.element("author", author.name.map { "\(email) (\($0))" } ?? email)
        } else {
            for author in article.authors {
                if let name = author.name ?? author.email { xml.element("dc:creator", name) }
            }
        }
        for term in (article.categories.union(article.tags)).sorted() { xml.element("category", term) }
        if let summary = article.summary { xml.element("description", summary) }
        if let content = article.contentHTML, !content.isEmpty { xml.cdata("content:encoded", content) }
        // One enclosure per item: the W3C validator rejects a second (Atom keeps them all).
        if let enclosure = article.enclosures.first {
            xml.element("enclosure", nil, [("url", enclosure.url), ("length", String(enclosure.length ?? 0)),
                                           ("type", enclosure.type ?? "application/octet-stream")])
        }
        if let image = article.image { xml.element("media:thumbnail", nil, [("url", image)]) }
        xml.close("item")
    }
}
