import Yams

/// A post file split into its YAML front matter (parsed) and its body.
struct FrontMatter {
    /// Keys of the front matter with their values and file lines.
    var fields: [String: Node]
    var body: Substring
    /// The file line the body starts on.
    var bodyLine: Int

    /// Splits and parses `text`; `path` is only for errors.
    init(text: String, path: String) throws(PostError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingTrailingSpace() == "---" else {
            throw PostError(path: path, line: 1, reason: "no front matter: a post starts with a '---' line")
        }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { ["---", "..."].contains($0.trimmingTrailingSpace()) }) else {
            throw PostError(path: path, line: 1, reason: "front matter is not closed by a '---' line")
        }
        let yaml = lines[..<end].joined(separator: "\n")
        bodyLine = end + 2
        let bodyStart = end + 1 < lines.endIndex ? lines[end + 1].startIndex : text.endIndex
        body = text[bodyStart...]
        fields = try FrontMatter.parse(yaml, path: path)
    }
}

private extension FrontMatter {
    static func parse(_ yaml: String, path: String) throws(PostError) -> [String: Node] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw describe(error, yaml: yaml, path: path)
        } catch {
            throw PostError(path: path, line: 2, reason: "front matter: \(error)")
        }
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            throw PostError(path: path, line: 2, reason: "front matter is not a mapping of keys to values")
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.string { fields[name] = value }
        }
        return fields
    }

    /// Turns libyaml's report into one line a person can act on; file lines are YAML lines + 1.
    static func describe(_ error: YamlError, yaml: String, path: String) -> PostError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if let context, context.text.contains("quoted scalar") {
                let line = context.mark.line
                return PostError(path: path, line: line + 1,
                                 reason: "unterminated quoted string\(key(atLine: line, of: yaml))")
            }
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return PostError(path: path, line: mark.line + 1, reason: "invalid YAML front matter: \(what)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return PostError(path: path, line: context.mark.line + 1,
                             reason: "duplicate key '\(duplicates.joined(separator: "', '"))' in front matter")
        default:
            return PostError(path: path, line: 2, reason: "invalid YAML front matter: \(error)")
        }
    }

    /// " in 'key'" for the mapping key written on that YAML line, if there is one.
    static func key(atLine line: Int, of yaml: String) -> String {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count, let colon = lines[line - 1].firstIndex(of: ":") else { return "" }
        let key = lines[line - 1][..<colon].trimmingCharacters(in: " \t-")
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
