import Foundation
import FeedModel
import FeedWriting
import Posts
import Yams

/// Reads feeds.yml's YAML into a ``SiteConfiguration``; each error names the key and its line.
struct ConfigReader {
    let root: [String: Node]
    let rootLines: [String: Int]
    let path: String

    init(yaml: String, path: String) throws(SiteError) {
        self.path = path
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigReader.describe(error, path: path)
        } catch {
            throw SiteError(path: path, reason: "invalid YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            throw SiteError(path: path, line: 1, reason: "feeds.yml must be a mapping of keys to values")
        }
        var root: [String: Node] = [:]
        var lines: [String: Int] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            root[name] = value
            lines[name] = key.mark?.line
        }
        self.root = root
        rootLines = lines
    }

    static let knownKeys: Set<String> = [
        "title", "description", "url", "feeds_url", "language", "timezone", "author", "posts", "output",
        "store", "permalink", "exclude", "feeds", "sources", "canonical", "websub",
    ]

    mutating func configuration() throws(SiteError) -> SiteConfiguration {
        for (key, line) in rootLines.sorted(by: { $0.value < $1.value }) where !Self.knownKeys.contains(key) {
            throw SiteError(path: path, line: line, reason: "unknown key '\(key)' (known keys: \(Self.knownKeys.sorted().joined(separator: ", ")))")
        }
        guard let title = try text(root["title"], key: "title") else {
            throw SiteError(path: path, line: 1, reason: "missing key 'title'")
        }
        guard let urlNode = root["url"] else { throw SiteError(path: path, line: 1, reason: "missing key 'url'") }
        let url = try absoluteURL(urlNode, key: "url")
        let feedsURL = try root["feeds_url"].map { node throws(SiteError) in try absoluteURL(node, key: "feeds_url") } ?? url
        let zone = TimeZone(identifier: try zoneName(root["timezone"], key: "timezone") ?? "UTC")!
        let feeds = try mapping(root["feeds"], key: "feeds", known: ["limit", "formats", "archive", "stylesheet"])
        let canonical = try mapping(root["canonical"], key: "canonical", known: ["strip_params"])
        return SiteConfiguration(
            title: title, description: try text(root["description"], key: "description"), url: url,
            feedsURL: feedsURL, language: try text(root["language"], key: "language"), timeZone: zone,
            author: try author(root["author"]), posts: try folder(root["posts"], key: "posts") ?? "_posts",
            output: try folder(root["output"], key: "output") ?? "output",
            store: try text(root["store"], key: "store") ?? "feedsmith.sqlite",
            permalink: try text(root["permalink"], key: "permalink") ?? "date",
            exclude: try strings(root["exclude"], key: "exclude"),
            feedLimit: try limit(feeds["limit"]), formats: try formats(feeds["formats"]),
            stylesheet: try flag(feeds["stylesheet"], key: "feeds.stylesheet") ?? true,
            stripParameters: Set(try strings(canonical["strip_params"], key: "canonical.strip_params").map { $0.lowercased() }),
            sources: try sources(root["sources"]), websubHub: try websubHub(root["websub"]),
            archive: try flag(feeds["archive"], key: "feeds.archive") ?? false)
    }
}

extension ConfigReader {
    /// The folders feeds.yml names, checked before anything is read or written: a `posts`
    /// folder name given but found nowhere (at the top or in a category folder) would publish
    /// empty feeds over the site's, and an output folder that cannot be written would fail
    /// halfway through. (Without `posts:`, no `_posts` is fine: a site may publish only
    /// partner feeds.)
    func checkFolders(of configuration: SiteConfiguration, in site: URL) throws(SiteError) {
        if let node = root["posts"] {
            let finder = PostFinder(root: site, postsFolder: configuration.posts,
                                    exclude: configuration.exclude + [configuration.output])
            guard finder.postsFolderExists() else {
                throw error(node, "'posts' names '\(configuration.posts)', but the site has no folder of that name")
            }
        }
        if let problem = Self.unwritable(configuration.output, in: site) {
            throw SiteError(path: path, line: root["output"]?.mark?.line ?? 1,
                            reason: "the output folder '\(configuration.output)' cannot be written: \(problem)")
        }
    }

    /// Why `folder` (relative to `site`) cannot be written, or nil: it, or else the nearest
    /// folder above it that exists, must be a folder this process may write into.
    static func unwritable(_ folder: String, in site: URL) -> String? {
        var parts = folder.split(separator: "/").map(String.init)
        while true {
            let relative = parts.isEmpty ? "." : parts.joined(separator: "/")
            let path = site.appendingPathComponent(relative).path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                guard isFolder.boolValue else { return "'\(relative)' is a file, not a folder" }
                guard access(path, W_OK | X_OK) == 0 else { return "'\(relative)': \(String(cString: strerror(errno)))" }
                return nil
            }
            guard !parts.isEmpty else { return "the site folder is missing" }
            parts.removeLast()
        }
    }
}
