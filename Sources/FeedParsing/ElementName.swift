/// The elements ``XMLFeedReader`` acts on, by key (`prefix:local` with the conventional
/// prefix, see ``XMLFeedReader/elementKey()``), worked out once per distinct element name:
/// the reader's switches then compare small numbers, not strings, at every element.
enum ElementName: UInt8 {
    case item, entry, channel, title, link, atomLink, language, dcLanguage
    case mediaContent, mediaThumbnail, name, email, uri, url, origLink, guid, id
    case description, summary, contentEncoded, content
    case pubDate, published, issued, created, dcDate, dcCreated, dcIssued, atomPublished
    case updated, modified, atomUpdated, dcModified
    case dcCreator, author, category, dcSubject, enclosure, source
    /// Any element the reader passes over.
    case other

    init(key: String) {
        self = ElementName.byKey[key] ?? .other
    }

    private static let byKey: [String: ElementName] = [
        "item": .item, "entry": .entry, "channel": .channel, "title": .title, "link": .link,
        "atom:link": .atomLink, "language": .language, "dc:language": .dcLanguage,
        "media:content": .mediaContent, "media:thumbnail": .mediaThumbnail, "name": .name,
        "email": .email, "uri": .uri, "url": .url, "feedburner:origLink": .origLink, "guid": .guid,
        "id": .id, "description": .description, "summary": .summary,
        "content:encoded": .contentEncoded, "content": .content, "pubDate": .pubDate,
        "published": .published, "issued": .issued, "created": .created, "dc:date": .dcDate,
        "dc:created": .dcCreated, "dc:issued": .dcIssued, "atom:published": .atomPublished,
        "updated": .updated, "modified": .modified, "atom:updated": .atomUpdated,
        "dc:modified": .dcModified, "dc:creator": .dcCreator, "author": .author,
        "category": .category, "dc:subject": .dcSubject, "enclosure": .enclosure, "source": .source,
    ]
}
