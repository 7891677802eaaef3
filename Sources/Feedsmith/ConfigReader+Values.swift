import Foundation
import FeedModel
import FeedWriting
import Yams

extension ConfigReader {
    func error(_ node: Node?, _ reason: String) -> SiteError {
        SiteError(path: path, line: node?.mark?.line, reason: reason)
    }

    func text(_ node: Node?, key: String) throws(SiteError) -> String? {
        guard let node, !isNull(node) else { return nil }
        guard let scalar = node.scalar else { throw error(node, "'\(key)' must be text") }
        return scalar.string
    }

    /// An absolute http(s) URL; a site's URL loses its trailing slash (links append paths to it).
    func absoluteURL(_ node: Node, key: String, keepingSlash: Bool = false) throws(SiteError) -> String {
        guard let value = try text(node, key: key), let reference = URLReference(value),
              ["http", "https"].contains(reference.scheme?.lowercased() ?? ""), reference.host?.isEmpty == false else {
            throw error(node, "'\(key)' must be an absolute http(s) URL, not '\(node.scalar?.string ?? "")'")
        }
        return reference.string.hasSuffix("/") && !keepingSlash ? String(reference.string.dropLast()) : reference.string
    }

    /// `websub: {hub: URL}`: the hub told of every changed feed.
    func websubHub(_ node: Node?) throws(SiteError) -> String? {
        guard let node, !isNull(node) else { return nil }
        let fields = try mapping(node, key: "websub", known: ["hub"])
        guard let hub = fields["hub"] else { throw error(node, "'websub' needs a 'hub' URL") }
        return try absoluteURL(hub, key: "websub.hub", keepingSlash: true)
    }

    /// An IANA time zone's name, checked.
    func zoneName(_ node: Node?, key: String) throws(SiteError) -> String? {
        guard let name = try text(node, key: key) else { return nil }
        guard TimeZone(identifier: name) != nil else {
            throw error(node, "unknown time zone '\(name)' in '\(key)' (use an IANA name such as Asia/Shanghai)")
        }
        return name
    }

    /// A relative folder inside the site: no absolute path, no `..`.
    func folder(_ node: Node?, key: String) throws(SiteError) -> String? {
        guard let value = try text(node, key: key) else { return nil }
        let parts = value.split(separator: "/")
        guard !value.hasPrefix("/"), !parts.isEmpty, !parts.contains("..") else {
            throw error(node, "'\(key)' must be a folder inside the site, not '\(value)'")
        }
        return parts.joined(separator: "/")
    }

    func strings(_ node: Node?, key: String) throws(SiteError) -> [String] {
        guard let node, !isNull(node) else { return [] }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else { throw error(node, "'\(key)' must be a list of strings") }
        var result: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else { throw error(item, "'\(key)' must be a list of strings") }
            result.append(scalar.string)
        }
        return result
    }

    func mapping(_ node: Node?, key: String, known: Set<String>) throws(SiteError) -> [String: Node] {
        guard let node, !isNull(node) else { return [:] }
        guard let mapping = node.mapping else { throw error(node, "'\(key)' must be a mapping") }
        var result: [String: Node] = [:]
        for (name, value) in mapping {
            let field = name.string ?? ""
            guard known.contains(field) else {
                throw error(name, "unknown key '\(key).\(field)' (known: \(known.sorted().joined(separator: ", ")))")
            }
            result[field] = value
        }
        return result
    }

    func limit(_ node: Node?) throws(SiteError) -> Int {
        guard let value = try text(node, key: "feeds.limit") else { return 20 }
        guard let number = Int(value), number >= 1, number <= 100_000 else {
            throw error(node, "'feeds.limit' must be a whole number from 1 to 100000, not '\(value)'")
        }
        return number
    }

    /// A YAML boolean (`true`/`false`, any case YAML 1.2 allows); `yes`, `on`, `1` and quoted text are refused.
    func flag(_ node: Node?, key: String) throws(SiteError) -> Bool? {
        guard let node, !isNull(node) else { return nil }
        if let scalar = node.scalar, scalar.style == .plain {
            if ["true", "True", "TRUE"].contains(scalar.string) { return true }
            if ["false", "False", "FALSE"].contains(scalar.string) { return false }
        }
        guard let scalar = node.scalar else { throw error(node, "'\(key)' must be true or false") }
        throw error(node, "'\(key)' must be true or false, not '\(scalar.string)'")
    }

    func formats(_ node: Node?) throws(SiteError) -> [FeedFormat] {
        guard node != nil else { return FeedFormat.allCases }
        var formats: [FeedFormat] = []
        for name in try strings(node, key: "feeds.formats") {
            guard let format = FeedFormat(rawValue: name.lowercased()) else {
                throw error(node, "unknown format '\(name)' in 'feeds.formats' (use rss, atom, json)")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw error(node, "'feeds.formats' must name at least one format") }
        return formats.sorted()
    }

    func author(_ node: Node?) throws(SiteError) -> Author? {
        guard let node, !isNull(node) else { return nil }
        if let scalar = node.scalar { return Author(name: scalar.string) }
        let fields = try mapping(node, key: "author", known: ["name", "email", "uri", "url"])
        let uri = try text(fields["uri"], key: "author.uri")
        let url = try text(fields["url"], key: "author.url")
        return Author(name: try text(fields["name"], key: "author.name"), email: try text(fields["email"], key: "author.email"),
                      uri: uri ?? url)
    }

    func sources(_ node: Node?) throws(SiteError) -> [SourceConfiguration] {
        guard let node, !isNull(node) else { return [] }
        guard let sequence = node.sequence else { throw error(node, "'sources' must be a list") }
        var sources: [SourceConfiguration] = []
        for item in sequence {
            let fields = try mapping(item, key: "sources[]", known: ["url", "categories", "timezone"])
            guard let urlNode = fields["url"] else { throw error(item, "a source needs a 'url'") }
            sources.append(SourceConfiguration(
                url: try absoluteURL(urlNode, key: "sources[].url"),
                categories: try strings(fields["categories"], key: "sources[].categories"),
                timeZone: try zoneName(fields["timezone"], key: "sources[].timezone")))
        }
        return sources
    }

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func describe(_ error: YamlError, path: String) -> SiteError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return SiteError(path: path, line: mark.line, reason: "invalid YAML: \(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return SiteError(path: path, line: context.mark.line, reason: "duplicate key '\(duplicates.sorted().joined(separator: "', '"))'")
        default:
            return SiteError(path: path, reason: "invalid YAML: \(error)")
        }
    }
}
