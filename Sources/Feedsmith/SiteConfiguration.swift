import Foundation
import FeedModel
import FeedWriting

/// A site's `feeds.yml`, checked: every key known, every value of the right type.
public struct SiteConfiguration: Sendable {
    public var title: String
    public var description: String?
    public var url: String
    /// Where `output/` is served; `rel="self"` links use it.
    public var feedsURL: String
    public var language: String?
    public var timeZone: TimeZone
    public var author: Author?
    public var posts: String
    public var output: String
    public var store: String
    public var permalink: String
    public var exclude: [String]
    public var feedLimit: Int
    public var formats: [FeedFormat]
    /// Whether RSS and Atom name `feed.xsl` (written at the output's root) for browsers.
    public var stylesheet: Bool
    public var stripParameters: Set<String>
    public var sources: [SourceConfiguration]
    /// `websub.hub`: the WebSub hub every feed names and every run that changed feeds pings.
    public var websubHub: String?
    /// `feeds.archive`: each feed's older items in RFC 5005 archive pages as well.
    public var archive: Bool
    /// Of feeds.yml's bytes: what the post cache and the output records were made with.
    public var digest = ContentDigest(high: 0, low: 0)
}

/// A partner feed listed under `sources:`.
public struct SourceConfiguration: Sendable, Hashable {
    public var url: String
    public var categories: [String]
    public var timeZone: String?
}

extension SiteConfiguration {
    static let fileName = "feeds.yml"

    /// Reads and checks `feeds.yml` in `site`; `displayPrefix` is how the user names the folder.
    static func load(site: URL, displayPrefix: String) throws(SiteError) -> SiteConfiguration {
        let path = displayPrefix + fileName
        let text: String
        do {
            let data = try Data(contentsOf: site.appendingPathComponent(fileName))
            guard let decoded = String(validating: data, as: UTF8.self) else {
                throw SiteError(path: path, reason: "the file is not valid UTF-8")
            }
            text = decoded
        } catch let error as SiteError {
            throw error
        } catch {
            throw SiteError(path: path, reason: "cannot read the site's configuration: no \(fileName) in \(displayPrefix.isEmpty ? "." : displayPrefix)")
        }
        var reader = try ConfigReader(yaml: text, path: path)
        var configuration = try reader.configuration()
        configuration.digest = ContentDigest(hashing: text.utf8)
        try reader.checkFolders(of: configuration, in: site)
        return configuration
    }
}

public extension SiteConfiguration {
    /// The output folder of the site at `site` (as the user names it), from its feeds.yml.
    static func outputFolder(site: String) throws(SiteError) -> URL {
        let folder = URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL
        let configuration = try load(site: folder, displayPrefix: displayPrefix(site))
        return folder.appendingPathComponent(configuration.output, isDirectory: true)
    }

    /// What messages put before a path in the site, as the user named the site folder:
    /// "" for `.`, else the name and a slash (`--site ../finews` gives `../finews/feeds.yml`).
    static func displayPrefix(_ site: String) -> String {
        let trimmed = site.hasSuffix("/") ? String(site.dropLast()) : site
        return trimmed.isEmpty || trimmed == "." ? "" : trimmed + "/"
    }
}
