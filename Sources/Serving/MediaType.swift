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
}
