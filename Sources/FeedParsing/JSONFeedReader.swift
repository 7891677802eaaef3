import FeedModel
import Foundation

/// Reads JSON Feed 1.0 and 1.1 (jsonfeed.org) into the same drafts as RSS and Atom.
enum JSONFeedReader {
    /// The format, channel and items of a JSON Feed document, or nil when it is not one.
    static func read(_ data: Data, base: String?) throws -> (FeedFormatKind, ChannelDraft)? {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return nil
        }
        let version = object["version"] as? String ?? ""
        guard version.hasPrefix("https://jsonfeed.org/version/") || version.hasPrefix("http://jsonfeed.org/version/")
            || object["items"] is [Any] else { return nil }
        let format: FeedFormatKind = version.hasSuffix("/1") ? .json10 : .json11
        var channel = ChannelDraft()
        channel.title = (object["title"] as? String).map { TextValue(text: $0, kind: .text) }
        channel.link = (object["home_page_url"] as? String).map { LinkValue(href: $0, base: nil) }
        channel.feedURL = object["feed_url"] as? String
        channel.language = object["language"] as? String
        let items = object["items"] as? [Any] ?? []
        channel.items = items.compactMap { ($0 as? [String: Any]).map { item($0, base: base) } }
        return (format, channel)
    }
}

private extension JSONFeedReader {
    static func item(_ json: [String: Any], base: String?) -> ItemDraft {
        var draft = ItemDraft(base: base)
        // JSON Feed 1.0 allowed numeric ids; they are still the item's identity.
        draft.id = (json["id"] as? String) ?? (json["id"] as? NSNumber).map { "\($0)" }
        draft.guidIsPermaLink = false
        draft.rssLink = (json["url"] as? String).map { LinkValue(href: $0, base: base) }
        draft.title = (json["title"] as? String).map { TextValue(text: $0, kind: .text) }
        if let html = json["content_html"] as? String {
            draft.content = TextValue(text: html, kind: .html, base: base)
        } else if let text = json["content_text"] as? String {
            draft.content = TextValue(text: text, kind: .text, base: base)
        }
        draft.summary = (json["summary"] as? String).map { TextValue(text: $0, kind: .text) }
        draft.published = [json["date_published"] as? String].compactMap { $0 }
        draft.updated = [json["date_modified"] as? String].compactMap { $0 }
        // 1.1 has `authors`; 1.0 had one `author`.
        let people = (json["authors"] as? [Any]) ?? [json["author"]].compactMap { $0 }
        draft.authors = people.compactMap { $0 as? [String: Any] }.map {
            Author(name: $0["name"] as? String, uri: $0["url"] as? String)
        }
        draft.tags = (json["tags"] as? [Any] ?? []).compactMap { $0 as? String }
        draft.image = (json["image"] as? String) ?? (json["banner_image"] as? String)
        draft.enclosures = (json["attachments"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
            .compactMap { attachment in
                guard let url = attachment["url"] as? String else { return nil }
                return Enclosure(url: url, type: attachment["mime_type"] as? String,
                                 length: (attachment["size_in_bytes"] as? NSNumber)?.intValue)
            }
        return draft
    }
}
