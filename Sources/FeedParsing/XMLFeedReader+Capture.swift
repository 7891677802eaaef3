import Foundation
import FeedModel

/// Starting and finishing the text of one field.
extension XMLFeedReader {
    func begin(_ field: Capture.Field, depth: Int, frame: Frame, kind: TextValue.Kind = .text) {
        var markup = Capture.Markup.none
        if kind == .xhtml { markup = .xhtml }
        // Raw, unescaped markup inside `description` (hand-written RSS 0.91 feeds).
        if kind == .html { markup = .html }
        capture = Capture(field: field, depth: depth, kind: kind, markup: markup, base: frame.base)
        // The buffer keeps its size from field to field, unless a huge one made it large.
        if captured.capacity > 1 << 20 { captured = [] }
        captured.removeAll(keepingCapacity: true)
    }

    /// Atom's `type` (and Atom 0.3's `mode`) of the current text construct.
    func atomKind() -> TextValue.Kind {
        let type = stream.attribute("type")?.lowercased() ?? "text"
        switch type {
        case "html", "text/html": return .html
        case "xhtml", "application/xhtml+xml": return .xhtml
        default: return stream.attribute("mode") == "xml" ? .xhtml : .text
        }
    }

    func linkAttributes(_ frame: Frame) -> LinkValue {
        LinkValue(href: stream.attribute("href") ?? "", base: frame.base,
                  rel: stream.attribute("rel") ?? "alternate", type: stream.attribute("type"))
    }

    func resolved(_ href: String, _ base: String?) -> String {
        base.flatMap { URLReference.resolve(href, against: $0) } ?? href
    }

    /// Media RSS: an image becomes the item's image, other media an enclosure.
    func media(_ frame: Frame) {
        guard let url = stream.attribute("url") else { return }
        let absolute = resolved(url, frame.base)
        let type = stream.attribute("type")
        let medium = stream.attribute("medium")
        if frame.name == .mediaThumbnail || medium == "image" || type?.hasPrefix("image/") == true {
            if item?.image == nil { item?.image = absolute }
        } else {
            item?.enclosures.append(Enclosure(url: absolute, type: type,
                                              length: stream.attribute("fileSize").flatMap { Int($0) }))
        }
    }

    func finish(_ done: Capture, frame: Frame) {
        let raw = String(decoding: captured, as: UTF8.self)
        // HTML and XHTML text constructs keep their text as given; everything else is trimmed.
        let keepsRaw: Bool
        switch done.field {
        case .channelTitle, .title, .summary, .content: keepsRaw = done.kind != .text
        default: keepsRaw = false
        }
        let trimmed = keepsRaw ? raw : XMLText.trimmed(raw)
        let value = TextValue(text: trimmed, kind: done.kind, base: done.base)
        var link: LinkValue { LinkValue(href: trimmed, base: done.base) }
        switch done.field {
        case .channelTitle: channel.title = value
        case .channelLink: if channel.link == nil { channel.link = link }
        case .channelLanguage: channel.language = trimmed
        case .title: item?.title = value
        case .link: item?.rssLink = link
        case .origLink: item?.origLink = link
        case .guid:
            item?.guid = trimmed
            item?.guidIsPermaLink = done.isPermaLink
        case .id: item?.id = trimmed
        case .summary: item?.summary = value
        case .content: item?.content = value
        case .published: item?.published.append(trimmed)
        case .updated: item?.updated.append(trimmed)
        case .creator: if !trimmed.isEmpty { item?.authors.append(Author(name: XMLText.collapsingSpace(trimmed))) }
        case .rssAuthor: if !trimmed.isEmpty { item?.authors.append(Self.rssAuthor(XMLText.collapsingSpace(trimmed))) }
        case .category: if !trimmed.isEmpty { item?.categories.append(trimmed) }
        case .authorName: author?.name = XMLText.collapsingSpace(trimmed)
        case .authorEmail: author?.email = trimmed
        case .authorURI: author?.uri = resolved(trimmed, done.base)
        }
    }

    /// RSS 2.0 `author` is `email (Name)`; many feeds put only a name there.
    static func rssAuthor(_ text: String) -> Author {
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let email = text[..<open].trimmingCharacters(in: .whitespaces)
            let name = text[text.index(after: open)..<text.index(before: text.endIndex)]
            return Author(name: String(name), email: email.contains("@") ? email : nil)
        }
        return text.contains("@") && !text.contains(" ") ? Author(email: text) : Author(name: text)
    }
}
