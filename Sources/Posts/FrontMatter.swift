import Yams

/// A post file split into its YAML front matter (parsed) and its body.
struct FrontMatter {
    /// Keys of the front matter with their values and file lines.
    var fields: [String: FrontMatterValue]
    var body: Substring
    /// The file line the body starts on.
    var bodyLine: Int

    /// Splits and parses `text`; `path` is only for errors. The split scans bytes, so a long
    /// body costs one pass to find the closing line and nothing more.
    init(text: String, path: String) throws(PostError) {
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 1
        /// The next line (without its `\n`) and where the one after starts.
        func nextLine() -> Substring.UTF8View? {
            guard lineStart < bytes.endIndex else { return nil }
            let end = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            defer { lineStart = end < bytes.endIndex ? bytes.index(after: end) : end; lineNumber += 1 }
            return Substring(text.utf8[lineStart..<end]).utf8
        }
        guard let first = nextLine(), FrontMatter.isMarker(first, "---") else {
            throw PostError(path: path, line: 1, reason: "no front matter: a post starts with a '---' line")
        }
        let yamlStart = lineStart
        var yamlEnd = yamlStart
        var closed = false
        while let line = nextLine() {
            if FrontMatter.isMarker(line, "---") || FrontMatter.isMarker(line, "...") {
                closed = true
                break
            }
            yamlEnd = line.endIndex
        }
        guard closed else {
            throw PostError(path: path, line: 1, reason: "front matter is not closed by a '---' line")
        }
        bodyLine = lineNumber
        body = text[lineStart...]
        let yaml = Substring(text.utf8[yamlStart..<yamlEnd])
        if let simple = SimpleYAML.parse(yaml.utf8, firstLine: 2) {
            fields = simple
        } else {
            fields = try FrontMatter.parse(String(yaml), path: path)
        }
    }

    /// `---` or `...`, then nothing but spaces, tabs or a carriage return.
    static func isMarker(_ line: Substring.UTF8View, _ marker: StaticString) -> Bool {
        let count = marker.utf8CodeUnitCount
        guard line.count >= count else { return false }
        var index = line.startIndex
        for position in 0..<count {
            guard line[index] == marker.utf8Start[position] else { return false }
            index = line.index(after: index)
        }
        return line[index...].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}

extension FrontMatter {
    /// Yams's reading, for front matter the fast reader leaves alone.
    static func parse(_ yaml: String, path: String) throws(PostError) -> [String: FrontMatterValue] {
        let lines = YAMLLines(yaml, firstLine: 2)
        if let problem = keyProblem(yaml, lines: lines) {
            throw PostError(path: path, line: problem.line, reason: problem.reason)
        }
        // Yams.compose's own two steps, keeping the parser: it holds the anchors, which its nodes
        // only reference weakly, and converting an aliased node once needs them (see FrontMatterValue).
        let parser: Parser
        let node: Node?
        do {
            // The encoding given: Yams's default reads the process environment on every call.
            parser = try Parser(yaml: yaml, resolver: .default, constructor: .default, encoding: .utf8)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            throw describe(error, lines: lines, path: path)
        } catch {
            throw PostError(path: path, line: 2, reason: "front matter: \(error)")
        }
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            throw PostError(path: path, line: 2, reason: "front matter is not a mapping of keys to values")
        }
        var fields: [String: FrontMatterValue] = [:]
        var anchored: [String: FrontMatterValue] = [:]
        withExtendedLifetime(parser) {
            for (key, value) in mapping {
                if let name = key.string { fields[name] = FrontMatterValue(value, lines: lines, anchored: &anchored) }
            }
        }
        return fields
    }
}

private extension FrontMatter {
    /// Turns libyaml's report into one line a person can act on, at the file's line.
    static func describe(_ error: YamlError, lines: YAMLLines, path: String) -> PostError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if let context, context.text.contains("quoted scalar") {
                let line = context.mark.line
                return PostError(path: path, line: lines.fileLine(line),
                                 reason: "unterminated quoted string\(key(atLine: line, of: lines))")
            }
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return PostError(path: path, line: lines.fileLine(mark.line), reason: "invalid YAML front matter: \(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Only if the key walk missed them; it names them the same way.
            let problem = KeyProblem.duplicates(names: Set(duplicates).sorted(), line: lines.fileLine(context.mark.line))
            return PostError(path: path, line: problem.line, reason: problem.reason)
        default:
            return PostError(path: path, line: 2, reason: "invalid YAML front matter: \(error)")
        }
    }

    /// " in 'key'" for the mapping key written on that YAML line, if there is one.
    static func key(atLine line: Int, of lines: YAMLLines) -> String {
        guard let text = lines.text(line), let colon = text.firstIndex(of: ":") else { return "" }
        let key = text[..<colon].trimmingCharacters(in: " \t-")
        return key.isEmpty ? "" : " in '\(key)'"
    }
}

extension Substring {
    func trimmingTrailingSpace() -> Substring {
        var end = endIndex
        while end > startIndex, [" ", "\t", "\r"].contains(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }

    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        guard let first = firstIndex(where: { !chars.contains($0) }),
              let last = lastIndex(where: { !chars.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
