/// HTMLCleaning: turns an HTML fragment from a post or a feed into the HTML feedsmith
/// publishes: allow-listed elements and attributes, absolute URLs, well-formed markup and no
/// character XML 1.0 forbids. Built on libxml2's HTML parser, which also decodes every named
/// entity (`&nbsp;`, `&mdash;`) into its character, so none reaches an XML feed.
import CLibXML2
import FeedModel
import Glibc

/// Cleans HTML fragments against one base URL.
public struct HTMLCleaner: Sendable {
    /// The URL relative references are resolved against (the article's own URL).
    public var base: String

    public init(base: String) {
        self.base = base
    }

    /// The cleaned fragment and its first paragraph as plain text.
    public func clean(_ html: String) -> CleanedHTML {
        PlainFragment.clean(html) ?? parsedAndCleaned(html)
    }

    /// The cleaned fragment by way of libxml2's HTML parser, whatever the fragment.
    func parsedAndCleaned(_ html: String) -> CleanedHTML {
        guard let doc = HTMLCleaner.parse(html) else { return CleanedHTML(html: "", excerpt: "") }
        defer { xmlFreeDoc(doc) }
        var writer = FragmentWriter(base: URLReference(base))
        if let body = HTMLCleaner.body(of: doc) {
            writer.writeChildren(of: body)
        }
        return CleanedHTML(html: writer.output, excerpt: writer.excerpt)
    }

    /// The text of an HTML fragment, entities decoded, tags removed, white space collapsed.
    public static func plainText(_ html: String) -> String {
        let hasMarkup = html.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0x3C, bytes.count) != nil || memchr(base, 0x26, bytes.count) != nil
        } ?? true
        guard hasMarkup else {
            return XMLText.collapsingSpace(html)
        }
        guard let doc = parse(html) else { return "" }
        defer { xmlFreeDoc(doc) }
        var text = ""
        if let body = body(of: doc) { FragmentWriter.appendText(of: body, to: &text) }
        return XMLText.collapsingSpace(text)
    }
}

/// The result of cleaning one fragment.
public struct CleanedHTML: Sendable, Hashable {
    /// Well-formed, allow-listed HTML with absolute URLs.
    public var html: String
    /// The text of the first paragraph (or first text) with white space collapsed.
    public var excerpt: String
}

private extension HTMLCleaner {
    static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Parses the fragment inside a `<body>` of our own, so libxml2 adds no implied `<p>`.
    static func parse(_ html: String) -> htmlDocPtr? {
        let wrapped = "<html><body>" + unprefixingTagNames(html) + "</body></html>"
        let length = Int32(clamping: wrapped.utf8.count)
        return wrapped.withCString { pointer in
            htmlReadMemory(pointer, length, nil, "UTF-8", options)
        }
    }

    /// libxml2's HTML parser drops a tag name's prefix: Word's `<o:p></o:p>` became a `<p>`
    /// inside the paragraph it ends. A prefixed name is renamed with `-` for `:` (`o-p`), an
    /// unknown element whose text is kept, like any other element the policy does not know.
    /// One whose local name (after the first `:`, as libxml2 splits it) is dropped with its
    /// content (`svg:script`) is left for libxml2 to name `script`, so it is still dropped.
    /// Only tag names change: comments and quoted attribute values are stepped over.
    static func unprefixingTagNames(_ html: String) -> String {
        var bytes = Array(html.utf8)
        var changed = false
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            if bytes[index...].starts(with: "!--".utf8) {
                index = skipComment(bytes, from: index + 3)
                continue
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "/") { index += 1 }
            // libxml2 reads a tag only where a letter follows; `a <_x:y>` is text.
            guard index < bytes.count, isLetter(bytes[index]) else { continue }
            let start = index
            var firstColon: Int?
            while index < bytes.count, isNameByte(bytes[index]) {
                if bytes[index] == UInt8(ascii: ":"), firstColon == nil { firstColon = index }
                index += 1
            }
            if let firstColon {
                let local = String(decoding: bytes[(firstColon + 1)..<index], as: UTF8.self).lowercased()
                if !HTMLPolicy.droppedWithContent.contains(local) {
                    for colon in start..<index where bytes[colon] == UInt8(ascii: ":") {
                        bytes[colon] = UInt8(ascii: "-")
                    }
                    changed = true
                }
            }
            index = endOfTag(bytes, from: index)
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : html
    }

    /// Just past the `-->` that ends a comment begun before `index`, or the end.
    static func skipComment(_ bytes: [UInt8], from index: Int) -> Int {
        var index = index
        while let dash = bytes[index...].firstIndex(of: UInt8(ascii: "-")) {
            if bytes[dash...].starts(with: "-->".utf8) { return dash + 3 }
            index = dash + 1
        }
        return bytes.count
    }

    /// Just past the `>` that ends the tag whose attributes start at `index`, stepping over
    /// quoted attribute values (which may hold `<` and `>`), or the end.
    static func endOfTag(_ bytes: [UInt8], from index: Int) -> Int {
        var index = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ">"):
                return index + 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let quote = bytes[index]
                index = (bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count - 1) + 1
            default:
                index += 1
            }
        }
        return index
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The bytes libxml2's HTML parser reads in a tag name.
    static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    static func body(of doc: htmlDocPtr) -> xmlNodePtr? {
        var node = xmlDocGetRootElement(doc)?.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, name(of: current) == "body" { return current }
            node = current.pointee.next
        }
        return nil
    }
}

func name(of node: xmlNodePtr) -> String {
    guard let raw = node.pointee.name else { return "" }
    return String(cString: raw).lowercased()
}
