import FeedModel

/// Which elements mean what: the format from the root, namespaces to the conventional
/// prefixes, and each element to the field it fills.
extension XMLFeedReader {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let prefixes: [String: String] = [
        "http://purl.org/rss/1.0/": "", rss090: "",
        // Early RSS 2.0 drafts gave the elements a namespace; readers ignore it.
        "http://backend.userland.com/rss2": "", "http://backend.userland.com/rss": "",
        "http://purl.org/rss/1.0/modules/content/": "content",
        "http://purl.org/dc/elements/1.1/": "dc", "http://purl.org/dc/terms/": "dc",
        "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
        "http://search.yahoo.com/mrss/": "media", "http://search.yahoo.com/mrss": "media",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
        "http://www.w3.org/1999/xhtml": "xhtml",
    ]

    var isAtom: Bool { format == .atom03 || format == .atom10 }

    func detectFormat() {
        let name = stream.localName, namespace = stream.namespaceURI
        rootName = stream.qualifiedName
        switch name {
        case "rss":
            switch stream.attribute("version") ?? "2.0" {
            case "0.90": format = .rss090
            case "0.91": format = .rss091
            case "0.92", "0.93", "0.94": format = .rss092
            default: format = .rss20
            }
        case "RDF":
            format = .rss10
        case "feed":
            format = namespace == Self.atom03 || stream.attribute("version") == "0.3" ? .atom03 : .atom10
        default:
            skipDepth = 0  // Not a feed: FeedParser reports the root's name.
            return
        }
        channel.language = frames[0].lang
    }

    /// `prefix:local` with the conventional prefix of a known namespace; the name as written
    /// otherwise, so an undeclared `dc:creator` (hand-written feeds) still reads as Dublin Core.
    func elementKey() -> String {
        let local = stream.localName
        guard let namespace = stream.namespaceURI else { return stream.qualifiedName }
        if namespace == Self.atom10 || namespace == Self.atom03 {
            return isAtom ? local : "atom:" + local
        }
        if namespace == Self.rss090, format == .rss10 { format = .rss090 }
        if let prefix = Self.prefixes[namespace] { return prefix.isEmpty ? local : prefix + ":" + local }
        return stream.qualifiedName.contains(":") ? stream.qualifiedName : local
    }

    /// The current element's ``ElementName``, looked up by libxml2's interned addresses once
    /// its key has been worked out.
    func elementName() -> ElementName {
        let identity = stream.identity
        for entry in names where entry.local == identity.local && entry.prefix == identity.prefix
            && entry.namespace == identity.namespace { return entry.name }
        let name = ElementName(key: elementKey())
        if names.count < 64 { names.append((identity.local, identity.prefix, identity.namespace, name)) }
        return name
    }

    func dispatch(_ frame: Frame, depth: Int, parent: ElementName) {
        if item != nil {
            itemElement(frame, relative: depth - itemDepth, depth: depth)
        } else if (frame.name == .item && !isAtom && depth <= 2) || (frame.name == .entry && isAtom) {
            item = ItemDraft(base: frame.base, line: stream.line)
            itemDepth = depth
            clearCaptured()
        } else if (isAtom && depth == 1) || (!isAtom && parent == .channel) {
            channelElement(frame, depth: depth)
        }
    }

    func channelElement(_ frame: Frame, depth: Int) {
        switch frame.name {
        case .title: begin(.channelTitle, depth: depth, frame: frame, kind: isAtom ? atomKind() : .html)
        case .link where isAtom, .atomLink:
            let link = linkAttributes(frame)
            if link.rel == "self" { channel.feedURL = resolved(link.href, frame.base) }
            if link.rel == "alternate", channel.link == nil || link.type == "text/html" { channel.link = link }
        case .link: begin(.channelLink, depth: depth, frame: frame)
        case .language, .dcLanguage: begin(.channelLanguage, depth: depth, frame: frame)
        default: break
        }
    }

    func itemElement(_ frame: Frame, relative: Int, depth: Int) {
        if frame.name == .mediaContent || frame.name == .mediaThumbnail {
            return media(frame)
        }
        if author != nil, relative == 2 {
            switch frame.name {
            case .name: begin(.authorName, depth: depth, frame: frame)
            case .email: begin(.authorEmail, depth: depth, frame: frame)
            case .uri, .url: begin(.authorURI, depth: depth, frame: frame)
            default: break
            }
            return
        }
        guard relative == 1 else { return }
        switch frame.name {
        case .title: begin(.title, depth: depth, frame: frame, kind: isAtom ? atomKind() : .html)
        case .link where isAtom, .atomLink:
            let rel = stream.attribute("rel") ?? "alternate"
            if rel == "enclosure" {
                item?.enclosures.append(Enclosure(url: resolved(stream.attribute("href") ?? "", frame.base),
                    type: stream.attribute("type"), length: stream.attribute("length").flatMap { Int($0) }))
            } else if !canWait(frame) || !waitLink(frame, rel: rel) {
                fillWaitingFields()
                item?.atomLinks.append(linkAttributes(frame))
            }
        case .link: begin(.link, depth: depth, frame: frame)
        case .origLink: begin(.origLink, depth: depth, frame: frame)
        case .guid:
            begin(.guid, depth: depth, frame: frame)
            capture?.isPermaLink = stream.attribute("isPermaLink")?.lowercased() != "false"
        case .id: begin(.id, depth: depth, frame: frame)
        case .description: begin(.summary, depth: depth, frame: frame, kind: .html)
        case .summary: begin(.summary, depth: depth, frame: frame, kind: atomKind())
        case .contentEncoded: begin(.content, depth: depth, frame: frame, kind: .html)
        case .content where stream.attribute("src") == nil:
            begin(.content, depth: depth, frame: frame, kind: atomKind())
        case .pubDate, .published, .issued, .created, .dcDate, .dcCreated, .dcIssued, .atomPublished:
            begin(.published, depth: depth, frame: frame)
        case .updated, .modified, .atomUpdated, .dcModified:
            begin(.updated, depth: depth, frame: frame)
        case .dcCreator: begin(.creator, depth: depth, frame: frame)
        case .author where isAtom:
            author = Author()
            authorDepth = depth
        case .author: begin(.rssAuthor, depth: depth, frame: frame)
        case .category where isAtom:
            if let term = stream.attribute("term") ?? stream.attribute("label") { item?.categories.append(term) }
        case .category, .dcSubject: begin(.category, depth: depth, frame: frame)
        case .enclosure:
            guard let url = stream.attribute("url") else { return }
            item?.enclosures.append(Enclosure(url: resolved(url, frame.base), type: stream.attribute("type"),
                                              length: stream.attribute("length").flatMap { Int($0) }))
        case .source where isAtom: skipDepth = depth  // Its title and links are another feed's.
        default: break
        }
    }
}
