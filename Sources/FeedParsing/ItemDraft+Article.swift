import FeedModel
import Foundation
import HTMLCleaning

/// What an item needs from its document to become an ``Article``.
struct ArticleContext {
    /// The canonical URL of the feed, or "" when it has none (a file).
    var sourceKey: String
    /// The channel's home page, absolute: the last base for relative URLs.
    var channelLink: String?
    /// Whether the document is Atom, whose `summary` is a summary rather than the content.
    var isAtom: Bool
    var options: ParseOptions
    /// Base URLs parsed once for all the items that share them.
    let bases = BaseCache()
    /// Every article's `sources`: the URL the feed was fetched from, as the caller gave it,
    /// or `[""]` without one; made once.
    let sources: Set<String>

    init(source: String?, sourceKey: String, channelLink: String?, isAtom: Bool, options: ParseOptions) {
        self.sourceKey = sourceKey
        self.channelLink = channelLink
        self.isAtom = isAtom
        self.options = options
        sources = [source ?? ""]
    }
}

/// The parsed forms of the few base URLs a document has (its `xml:base`s and channel link).
final class BaseCache {
    private var parsed: [String: URLReference?] = [:]

    func reference(_ base: String) -> URLReference? {
        if let known = parsed[base] { return known }
        let reference = URLReference(base)
        if parsed.count < 64 { parsed[base] = reference }
        return reference
    }
}

extension ItemDraft {
    /// The article a reader sees; unreadable or absurd dates and cut titles add warnings.
    func article(in context: ArticleContext, warnings: inout [String]) -> Article {
        let forms = chosenLink(context)
        var shown = title.map(Self.plainText) ?? ""
        if shown.utf8.count > Self.titleLimit,
           let end = shown.index(shown.startIndex, offsetBy: Self.titleLimit, limitedBy: shown.endIndex),
           end < shown.endIndex {
            warnings.append("\(place): title of \(shown.utf8.count) bytes cut to its first \(Self.titleLimit) characters")
            shown = String(shown[..<end]) + "…"
        }
        let text = bodyText(context)
        // Made in one initialiser call from values: an article filled in field by field was
        // copied whole (every string retained and released) on its way out.
        return Article(
            canonicalURL: forms?.canonical ?? CanonicalURL.fallbackKey(source: context.sourceKey, guid: fallbackIdentity),
            link: forms?.link, title: shown, summary: text.summary, contentHTML: text.html,
            authors: authors, categories: Set(categories), tags: Set(tags),
            published: date(published, context, warnings: &warnings),
            updated: date(updated, context, warnings: &warnings),
            image: image.map { absolute($0, base, context) ?? $0 },
            enclosures: enclosures.map { enclosure in
                var copy = enclosure
                copy.url = absolute(enclosure.url, base, context) ?? enclosure.url
                return copy
            },
            sources: context.sources, isLocal: false)
    }
}

private extension ItemDraft {
    /// DESIGN.md's order: `feedburner:origLink`, Atom alternate (HTML first), RSS `link`, a
    /// permalink `guid`, JSON Feed `url` (read into `rssLink`). The first that resolves wins.
    /// The canonical URL and reader's link of the chosen link.
    func chosenLink(_ context: ArticleContext) -> (canonical: String, link: String)? {
        let strip = context.options.stripParameters
        func forms(_ candidate: LinkValue?) -> (canonical: String, link: String)? {
            guard let candidate, !candidate.href.isEmpty else { return nil }
            if let forms = CanonicalURL.simpleForms(candidate.href, stripParameters: strip) { return forms }
            guard let url = absoluteReference(candidate.href, candidate.base, context) else { return nil }
            return CanonicalURL.forms(of: url, stripParameters: strip)
        }
        if let found = forms(origLink) { return found }
        if !atomLinks.isEmpty {
            let alternates = atomLinks.filter { $0.rel == "alternate" && !$0.href.isEmpty }
            let html = alternates.first { $0.type == nil || $0.type == "text/html" }
            if let found = forms(html ?? alternates.first) { return found }
        }
        if let found = forms(rssLink) { return found }
        // A guid is a link only when already absolute: relative guids are identifiers.
        if guidIsPermaLink, let guid, let url = URLReference(guid), url.isAbsolute,
           let forms = CanonicalURL.forms(of: url.resolved(against: url), stripParameters: strip) {
            return forms
        }
        return nil
    }

    var fallbackIdentity: String {
        guid ?? id ?? ((title?.text ?? "") + "\u{0}" + (published.first ?? updated.first ?? ""))
    }

    /// `href` resolved against the element's base, else the channel link.
    func absolute(_ href: String, _ base: String?, _ context: ArticleContext) -> String? {
        absoluteReference(href, base, context)?.string
    }

    /// `href` parsed and resolved against the element's base, else the channel link; nil
    /// unless the result is http(s) with a host.
    func absoluteReference(_ href: String, _ base: String?, _ context: ArticleContext) -> URLReference? {
        guard let reference = URLReference(href) else { return nil }
        if reference.isAbsolute {
            let target = reference.resolved(against: reference)
            return target.isHTTP ? target : nil
        }
        for candidate in [base, context.channelLink].compactMap({ $0 }) {
            if let parsedBase = context.bases.reference(candidate) {
                let target = reference.resolved(against: parsedBase)
                if target.isHTTP { return target }
            }
        }
        return nil
    }

    /// The article's sanitised body and plain-text summary.
    func bodyText(_ context: ArticleContext) -> (html: String?, summary: String?) {
        if let content {
            let text = summary.map(Self.plainText) ?? ""
            return (cleaned(content, context).html, text.isEmpty ? nil : text)
        } else if let summary, !context.isAtom {
            // RSS `description` is the item's body; its first paragraph is the summary.
            let result = cleaned(summary, context)
            return (result.html.isEmpty ? nil : result.html, result.excerpt.isEmpty ? nil : result.excerpt)
        } else if let summary {
            let text = Self.plainText(summary)
            return (nil, text.isEmpty ? nil : text)
        }
        return (nil, nil)
    }

    func cleaned(_ value: TextValue, _ context: ArticleContext) -> CleanedHTML {
        let base = value.base.flatMap { absolute($0, nil, context) } ?? context.channelLink ?? ""
        let html = value.kind == .text ? XMLText.escape(value.text) : value.text
        return HTMLCleaner(base: base).clean(html)
    }

    static func plainText(_ value: TextValue) -> String {
        value.kind == .text ? XMLText.collapsingSpace(value.text) : HTMLCleaner.plainText(value.text)
    }

    func date(_ texts: [String], _ context: ArticleContext, warnings: inout [String]) -> Instant? {
        for text in texts where !text.isEmpty {
            guard let instant = FeedDate.parse(text, timeZone: context.options.timeZone) else {
                warnings.append("\(place): unreadable date '\(text)'")
                continue
            }
            guard Self.plausibleDates.contains(instant.secondsSince1970) else {
                warnings.append("\(place): date '\(text)' ignored: not between the years 1900 and 9999")
                continue
            }
            return instant
        }
        return nil
    }

    /// Where the item is, for warnings: JSON Feed items have no line, so they are named by id.
    var place: String { line > 0 ? "line \(line)" : "item '\(id ?? guid ?? "")'" }

    /// 1900-01-01 to 9999-12-31 UTC. **Choice:** a feed's date outside it (year 0, a
    /// two-digit year gone wrong) is a mistake; dropping it keeps the four-digit years every
    /// feed format writes, and sorting sane.
    static let plausibleDates: Range<Int64> = -2_208_988_800 ..< 253_402_300_800

    /// **Choice:** a longer title is cut to this many characters, with a warning: no reader
    /// shows more, and a 10 MB title would be copied into every feed the article enters.
    static let titleLimit = 1_000
}
