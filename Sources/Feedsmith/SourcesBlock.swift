import Foundation

/// The `sources:` block of feeds.yml as text.
enum SourcesBlock {
    /// `text` with `entries` appended to its top-level `sources:` list (created at the end when
    /// missing), indented like the entries already there.
    static func appending(_ entries: [(url: String, categories: [String])], to text: String,
                          path: String) throws(SiteError) -> String {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let keyLine = lines.firstIndex(where: { $0.hasPrefix("sources:") }) else {
            let block = ["", "sources:"] + render(entries, indent: "  ")
            return (lines + block).joined(separator: "\n") + "\n"
        }
        let rest = lines[keyLine].dropFirst("sources:".count).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("[]") || rest == "~" || rest == "null" {
            lines[keyLine] = "sources:"
        } else if !rest.isEmpty && !rest.hasPrefix("#") {
            throw SiteError(path: path, line: keyLine + 1,
                            reason: "'sources' is not written as a block list ('- url: …' lines); add the sources by hand")
        }
        // The block runs to the next line that starts a top-level key.
        var last = keyLine
        var indent: String?
        for index in (keyLine + 1)..<lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard line.first == " " || line.first == "-" else { break }
            if indent == nil, trimmed.hasPrefix("-") { indent = String(line.prefix { $0 == " " }) }
            last = index
        }
        lines.insert(contentsOf: render(entries, indent: indent ?? "  "), at: last + 1)
        return lines.joined(separator: "\n") + "\n"
    }

    static func render(_ entries: [(url: String, categories: [String])], indent: String) -> [String] {
        entries.flatMap { entry in
            ["\(indent)- url: \(quoted(entry.url))"]
                + (entry.categories.isEmpty ? [] : ["\(indent)  categories: [\(entry.categories.map(quoted).joined(separator: ", "))]"])
        }
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\x%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
