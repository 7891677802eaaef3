import CLibXML2
import FeedModel

/// Walks a parsed fragment and writes the allow-listed part of it as well-formed HTML.
struct FragmentWriter {
    let base: URLReference?
    private(set) var output = ""
    /// The first top-level paragraph's text; failing that, all the fragment's text.
    var excerpt: String { paragraph.isEmpty ? XMLText.collapsingSpace(allText) : paragraph }
    private var paragraph = ""
    /// Every text written, with a space at each block's edges and after each `<br>`.
    private var allText = ""
    private var depth = 0

    init(base: URLReference?) {
        self.base = base
    }

    mutating func writeChildren(of node: xmlNodePtr) {
        var child = node.pointee.children
        while let current = child {
            write(current)
            child = current.pointee.next
        }
    }

    /// Appends every text descendant of `node` to `text`, skipping dropped elements.
    static func appendText(of node: xmlNodePtr, to text: inout String) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            case XML_ELEMENT_NODE where !HTMLPolicy.droppedWithContent.contains(name(of: current)):
                let tag = name(of: current)
                if HTMLPolicy.blocks.contains(tag) { text += " " }
                appendText(of: current, to: &text)
                if HTMLPolicy.blocks.contains(tag) || tag == "br" { text += " " }
            default:
                break
            }
            child = current.pointee.next
        }
    }
}

private extension FragmentWriter {
    mutating func write(_ node: xmlNodePtr) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return }
            let text = String(cString: content)
            XMLText.append(text, to: &output)
            allText += text
        case XML_ELEMENT_NODE:
            writeElement(node)
        default:
            break  // comments, processing instructions, DTD nodes
        }
    }

    mutating func writeElement(_ node: xmlNodePtr) {
        let tag = name(of: node)
        if HTMLPolicy.droppedWithContent.contains(tag) {
            // libxml2's HTML 4 parser nests what follows an unclosed `<embed>` (void in HTML5)
            // inside it: drop the element, keep what it wrongly swallowed.
            if HTMLPolicy.droppedVoids.contains(tag) { writeChildren(of: node) }
            return
        }
        let isBlock = HTMLPolicy.blocks.contains(tag)
        if isBlock || tag == "br" { allText += " " }
        defer { if isBlock { allText += " " } }
        guard HTMLPolicy.elements.contains(tag), depth < HTMLPolicy.maximumDepth else {
            // Unknown or disallowed but harmless (`<font>`, `<form>`, custom elements): keep the text.
            writeChildren(of: node)
            return
        }
        output += "<" + tag
        writeAttributes(of: node, tag: tag)
        if HTMLPolicy.voids.contains(tag) {
            output += " />"
            return
        }
        output += ">"
        depth += 1
        writeChildren(of: node)
        depth -= 1
        if paragraph.isEmpty, depth == 0, tag == "p" {
            var text = ""
            FragmentWriter.appendText(of: node, to: &text)
            paragraph = XMLText.collapsingSpace(text)
        }
        output += "</" + tag + ">"
    }

    mutating func writeAttributes(of node: xmlNodePtr, tag: String) {
        var attribute = node.pointee.properties
        var seen = Set<String>()
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let rawName = current.pointee.name else { continue }
            let attributeName = String(cString: rawName).lowercased()
            guard HTMLPolicy.attributes.contains(attributeName), seen.insert(attributeName).inserted else { continue }
            var value = ""
            var text = current.pointee.children
            while let node = text {
                if let content = node.pointee.content { value += String(cString: content) }
                text = node.pointee.next
            }
            if HTMLPolicy.urlAttributes.contains(attributeName) {
                guard let url = absolute(value, allowData: tag == "img" && attributeName == "src") else { continue }
                value = url
            } else if attributeName == "srcset" {
                value = absoluteSourceSet(value)
                if value.isEmpty { continue }
            }
            output += " " + attributeName + "=\""
            XMLText.append(value, to: &output, quotes: true)
            output += "\""
        }
    }

    /// The absolute form of a URL attribute, or nil when its scheme is not allowed.
    func absolute(_ value: String, allowData: Bool) -> String? {
        let trimmed = value.trimmingWhitespace()
        if trimmed.hasPrefix("#") { return trimmed }  // in-page anchors stay in-page
        guard let reference = URLReference(trimmed) else { return nil }
        let resolved: URLReference
        if reference.isAbsolute {
            resolved = reference
        } else if let base {
            resolved = reference.resolved(against: base)
        } else {
            return nil
        }
        switch resolved.scheme?.lowercased() {
        case "http", "https", "mailto", "ftp": return resolved.string
        // Raster images only: an SVG can carry script (`onload`).
        case "data" where allowData && HTMLPolicy.dataImageTypes.contains(where: trimmed.lowercased().hasPrefix):
            return trimmed
        default: return nil  // javascript:, vbscript:, data: outside images, unknown schemes
        }
    }

    /// `srcset="a.png 1x, b.png 2x"` with each URL made absolute.
    func absoluteSourceSet(_ value: String) -> String {
        value.split(separator: ",").compactMap { candidate -> String? in
            let parts = candidate.split(whereSeparator: \.isWhitespace)
            guard let first = parts.first, let url = absolute(String(first), allowData: false) else { return nil }
            return ([url] + parts.dropFirst().map(String.init)).joined(separator: " ")
        }.joined(separator: ", ")
    }
}

extension String {
    /// Trims white space at both ends, NBSP and U+3000 included.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
