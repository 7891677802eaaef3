/// The `Content-Type` of each kind of file feedsmith writes, all UTF-8.
enum MediaType {
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let type: String
        switch name {
        case let name where name.hasSuffix("rss.xml"): type = "application/rss+xml"
        case let name where name.hasSuffix("atom.xml"): type = "application/atom+xml"
        case let name where name.hasSuffix(".json") && name.hasPrefix("feed"): type = "application/feed+json"
        case let name where name.hasSuffix(".json"): type = "application/json"
        case let name where name.hasSuffix(".opml"): type = "text/x-opml"
        case let name where name.hasSuffix(".html"): type = "text/html"
        case let name where name.hasSuffix(".xsl"): type = "text/xsl"
        case let name where name.hasSuffix(".xml"): type = "application/xml"
        case let name where name.hasSuffix(".css"): type = "text/css"
        default: type = "text/plain"
        }
        return type + "; charset=utf-8"
    }

    /// Whether `path` is an RSS or Atom feed, whose type depends on who asks.
    static func isXMLFeed(_ path: String) -> Bool {
        path.hasSuffix("rss.xml") || path.hasSuffix("atom.xml")
    }

    /// The type sent for `path` to a client that sent `accept`. A browser loading a page (its
    /// Accept names `text/html` and neither feed type) gets an RSS or Atom feed as
    /// `application/xml`: Chromium shows `application/rss+xml` and `application/atom+xml` as
    /// plain text, never applying their `<?xml-stylesheet?>`. Feed readers get the feed's own type.
    static func of(_ path: String, accept: String) -> String {
        let accept = accept.lowercased()
        guard isXMLFeed(path), accept.contains("text/html"),
              !accept.contains("application/rss+xml"), !accept.contains("application/atom+xml") else { return of(path) }
        return "application/xml; charset=utf-8"
    }
}
