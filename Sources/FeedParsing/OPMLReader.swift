import CLibXML2
import Foundation

/// One feed of an OPML subscription list.
public struct OPMLSubscription: Sendable, Hashable {
    /// The `xmlUrl` attribute.
    public var url: String
    /// The titles of the folders (outlines without `xmlUrl`) it is filed under, outermost first.
    public var folders: [String]

    public init(url: String, folders: [String] = []) {
        self.url = url
        self.folders = folders
    }
}

/// Reads OPML subscription lists (what feed readers export): every `outline` with an `xmlUrl`.
public enum OPMLReader {
    /// The subscriptions in `data`, in document order; `path` names the file in errors.
    public static func subscriptions(in data: Data, path: String) throws(FeedParseError) -> [OPMLSubscription] {
        // As for feeds: no network, no DTD, entity references not expanded.
        let flags = XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOWARNING.rawValue
        var subscriptions: [OPMLSubscription] = []
        var failure: FeedParseError?
        var sawRoot = false
        data.withUnsafeBytes { bytes in
            guard let stream = XMLStream(bytes, url: nil, options: Int32(flags)) else {
                failure = FeedParseError(location: path, reason: "cannot read the file as XML")
                return
            }
            // The folder titles of the open outlines, by depth.
            var folders: [(depth: Int, title: String?)] = []
            while stream.read() {
                guard stream.nodeType == .element else {
                    if stream.nodeType == .endElement, stream.localName == "outline" { folders.removeLast() }
                    continue
                }
                if !sawRoot {
                    sawRoot = true
                    guard stream.localName == "opml" else {
                        failure = FeedParseError(location: path, line: stream.line,
                                                 reason: "not an OPML file: the root element is <\(stream.localName)>")
                        return
                    }
                }
                guard stream.localName == "outline" else { continue }
                let title = stream.attribute("title") ?? stream.attribute("text")
                if let url = stream.attribute("xmlUrl")?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty {
                    subscriptions.append(OPMLSubscription(url: url, folders: folders.compactMap(\.title)))
                }
                if !stream.isEmptyElement {
                    let isFolder = stream.attribute("xmlUrl") == nil
                    folders.append((stream.depth, isFolder ? title.flatMap { $0.isEmpty ? nil : $0 } : nil))
                }
            }
            if let problem = stream.problems.first(where: \.isFatal) {
                failure = FeedParseError(location: path, line: problem.line, reason: problem.message)
            } else if !sawRoot {
                failure = FeedParseError(location: path, reason: "the file is empty")
            }
        }
        if let failure { throw failure }
        return subscriptions
    }
}
