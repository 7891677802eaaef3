import FeedModel

/// Atom 1.0 (RFC 4287). The feed's id is its own URL; an entry's id is its canonical URL.
struct AtomWriter {
    let feed: FeedDocument

    func write() -> String {
        var xml = XMLBuilder()
        if let href = feed.stylesheet { xml.stylesheet(href) }
        var root = [("xmlns", "http://www.w3.org/2005/Atom"), ("xmlns:media", "http://search.yahoo.com/mrss/")]
        if feed.archive?.isArchive == true { root.append(("xmlns:fh", ArchiveLinks.namespace)) }
        if let language = feed.language { root.append(("xml:lang", language)) }
        xml.open("feed", root)
        let selfURL = feed.selfURLs[.atom] ?? feed.homePageURL
        // An archive page is part of the same feed: it has the subscription document's id.
        xml.element("id", feed.archive?.current.map { $0 + FeedFormat.atom.fileName } ?? selfURL)
        xml.element("title", feed.title, [("type", "text")])
        if let description = feed.description { xml.element("subtitle", description, [("type", "text")]) }
        xml.element("updated", feed.rfc3339(feed.updated))
        xml.element("link", nil, [("href", selfURL), ("rel", "self"), ("type", FeedFormat.atom.mediaType)])
        xml.element("link", nil, [("href", feed.homePageURL), ("rel", "alternate"), ("type", "text/html")])
        if let hub = feed.hub { xml.element("link", nil, [("href", hub), ("rel", "hub")]) }
        if let archive = feed.archive {
            for link in archive.links(.atom) {
                xml.element("link", nil, [("href", link.href), ("rel", link.rel), ("type", FeedFormat.atom.mediaType)])
            }
        }
        // RFC 4287 §4.1.1: an entry without an author takes the feed's; give the feed one always.
        let authors = feed.authors.isEmpty ? [Author(name: feed.title)] : feed.authors
        for author in authors { person(author, into: &xml) }
        xml.element("generator", "feedsmith", [("uri", feedsmithHomepage), ("version", feedsmithVersion)])
        if feed.archive?.isArchive == true { xml.element("fh:archive", nil) }
        for article in feed.articles { entry(article, into: &xml) }
        xml.close("feed")
        return xml.text
    }

    private func entry(_ article: Article, into xml: inout XMLBuilder) {
        xml.open("entry")
        xml.element("id", article.canonicalURL)
        xml.element("title", article.title, [("type", "text")])
        if let link = article.link {
            xml.element("link", nil, [("href", link), ("rel", "alternate"), ("type", "text/html")])
        }
        if let published = article.published { xml.element("published", feed.rfc3339(published)) }
        xml.element("updated", feed.rfc3339(article.effectiveUpdated ?? feed.updated))
        for author in article.authors { person(author, into: &xml) }
        for term in article.categories.union(article.tags).sorted() { xml.element("category", nil, [("term", term)]) }
        if let summary = article.summary { xml.element("summary", summary, [("type", "text")]) }
        if let content = article.contentHTML, !content.isEmpty { xml.element("content", content, [("type", "html")]) }
        for enclosure in article.enclosures {
            var attributes = [("rel", "enclosure"), ("href", enclosure.url)]
            if let type = enclosure.type { attributes.append(("type", type)) }
            if let length = enclosure.length { attributes.append(("length", String(length))) }
            xml.element("link", nil, attributes)
        }
        if let image = article.image { xml.element("media:thumbnail", nil, [("url", image)]) }
        xml.close("entry")
    }

    private func person(_ author: Author, into xml: inout XMLBuilder) {
        xml.open("author")
        xml.element("name", author.name ?? author.email ?? "")
        if let email = author.email { xml.element("email", email) }
        if let uri = author.uri { xml.element("uri", uri) }
        xml.close("author")
    }
}
