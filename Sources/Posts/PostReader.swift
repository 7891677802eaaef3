import Foundation
import FeedModel
import Yams

/// Reads post files into ``Post`` values with Jekyll's rules.
public struct PostReader: Sendable {
    public var configuration: PostsConfiguration {
        didSet { sitePermalink = Permalink(configuration.permalink) }
    }
    /// The site's pattern, cut into pieces once rather than for every post.
    private var sitePermalink: Permalink
    public var root: URL {
        didSet { rootPath = root.path }
    }
    private var rootPath: String
    /// How a path is shown to the user (the site folder as they named it, then the path).
    public var displayPrefix: String

    public init(configuration: PostsConfiguration, root: URL, displayPrefix: String = "") {
        self.configuration = configuration
        sitePermalink = Permalink(configuration.permalink)
        self.root = root
        rootPath = root.path
        self.displayPrefix = displayPrefix
    }

    /// Reads one file; a post that cannot be read throws an error naming its line. Without
    /// `keepingBody` the post's body is left empty (a build reads the bodies of the few posts
    /// its feeds hold again when it renders them, and holds only front matter for the rest).
    public func read(_ file: PostFile, keepingBody: Bool = true) throws(PostError) -> PostOutcome {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(rootPath + "/" + file.relativePath)
        } catch {
            throw PostError(path: displayPrefix + file.relativePath, line: nil,
                            reason: "cannot read the file: \(String(cString: strerror(error.code)))")
        }
        return try read(file, contents: bytes, keepingBody: keepingBody)
    }

    /// Reads `file` from `bytes`, its contents: everything ``read(_:keepingBody:)`` does after
    /// the disk (the fuzz target feeds it bytes without a file).
    package func read(_ file: PostFile, contents bytes: [UInt8], keepingBody: Bool = true) throws(PostError) -> PostOutcome {
        let path = displayPrefix + file.relativePath
        let text = try UTF8Check.decode(bytes, path: path)
        let matter = try FrontMatter(text: text, path: path)
        var fields = FieldReader(fields: matter.fields, path: path)
        return try build(file, matter: matter, fields: &fields, keepingBody: keepingBody)
    }
}

private extension PostReader {
    func build(_ file: PostFile, matter: FrontMatter, fields: inout FieldReader,
               keepingBody: Bool) throws(PostError) -> PostOutcome {
        if let published = try fields.bool("published"), !published {
            return .unpublished(reason: "published: false")
        }
        let zone = configuration.timeZone
        let date: Instant
        if let written = try fields.date("date", timeZone: zone) {
            date = written
        } else if let fromName = zone.instant(of: CivilTime(year: file.year, month: file.month, day: file.day)) {
            date = fromName
        } else {
            throw PostError(path: fields.path, line: nil, reason: "the file name's date is not a date")
        }
        if date > configuration.now { return .unpublished(reason: "dated in the future") }

        var categories = file.folderCategories
        categories += try fields.words("categories") + fields.words("category", split: false)
        var tags = try fields.words("tags") + fields.words("tag", split: false)
        categories = categories.uniqued()
        tags = tags.uniqued()

        let slug = try fields.text("slug") ?? file.slug
        let title = try fields.text("title") ?? Self.title(fromSlug: file.slug)
        let pattern = try fields.text("permalink") ?? configuration.permalink
        let civil = CivilTime(date, offset: zone.offset(at: date))
        let permalink = pattern == configuration.permalink ? sitePermalink : Permalink(pattern)
        let path = permalink.path(slug: slug, categories: categories, date: civil)
        let site = configuration.siteURL.hasSuffix("/") ? String(configuration.siteURL.dropLast()) : configuration.siteURL
        let url = site + path
        let canonicalSource = try fields.url("canonical_url", base: url) ?? url
        // The simple form's fast path first (tested to agree with the general one).
        guard let canonical = CanonicalURL.simpleForms(canonicalSource, stripParameters: configuration.stripParameters)?.canonical
                ?? CanonicalURL.canonical(canonicalSource, stripParameters: configuration.stripParameters) else {
            throw PostError(path: fields.path, line: fields.line("canonical_url"),
                            reason: "'\(canonicalSource)' is not an http(s) URL")
        }
        let authors = try fields.authors()
        var updated = try fields.date("last_modified_at", timeZone: zone)
        if updated == nil { updated = try fields.date("updated", timeZone: zone) }
        var summary = try fields.text("excerpt")
        if summary == nil { summary = try fields.text("description") }
        return .published(Post(
            file: file, title: title, date: date,
            updated: updated,
            categories: categories, tags: tags,
            authors: authors.isEmpty ? configuration.defaultAuthor.map { [$0] } ?? [] : authors,
            url: url, canonicalURL: canonical,
            summary: summary,
            image: try fields.image(base: url), body: keepingBody ? String(matter.body) : ""))
    }

    /// Jekyll's `titleize_slug`: `title-from-the-slug` → `Title From The Slug`.
    static func title(fromSlug slug: String) -> String {
        slug.split(separator: "-").map { word in word.prefix(1).uppercased() + word.dropFirst() }
            .joined(separator: " ")
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
