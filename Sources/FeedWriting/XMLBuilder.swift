import FeedModel

/// Appends indented, escaped XML. Every string passes `XMLText`, so nothing XML 1.0 forbids
/// can be written and no text can close an element early.
struct XMLBuilder {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var depth = 0

    mutating func raw(_ line: String) {
        text += line + "\n"
    }

    /// `<?xml-stylesheet?>` for browsers: it must come before the root element.
    mutating func stylesheet(_ href: String) {
        text += "<?xml-stylesheet type=\"text/xsl\" href=\""
        XMLText.append(href, to: &text, quotes: true)
        text += "\"?>\n"
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        indent()
        text += "<" + name
        append(attributes)
        text += ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        indent()
        text += "</" + name + ">\n"
    }

    /// `<name attributes>text</name>`; an empty element when `value` is nil.
    mutating func element(_ name: String, _ value: String?, _ attributes: [(String, String)] = []) {
        indent()
        text += "<" + name
        append(attributes)
        if let value {
            text += ">"
            XMLText.append(value, to: &text)
            text += "</" + name + ">\n"
        } else {
            text += " />\n"
        }
    }

    /// A CDATA section; `]]>` inside is split across two sections so it cannot end the first.
    mutating func cdata(_ name: String, _ value: String) {
        indent()
        let safe = XMLText.dropForbidden(value).replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>")
        text += "<" + name + "><![CDATA[" + safe + "]]></" + name + ">\n"
    }

    private mutating func append(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            text += " " + name + "=\""
            XMLText.append(value, to: &text, quotes: true)
            text += "\""
        }
    }

    private mutating func indent() {
        text += String(repeating: "  ", count: depth)
    }
}
