import Yams

/// A front matter value as the field reader sees it, whichever reader parsed it: the fast
/// reader of simple front matter (``SimpleYAML``) or Yams for everything else.
indirect enum FrontMatterValue: Equatable, Sendable {
    /// `plain` is false for quoted scalars, which are never null.
    case scalar(String, plain: Bool, line: Int)
    case sequence([FrontMatterValue], line: Int)
    case mapping([Entry], line: Int)

    struct Entry: Equatable, Sendable {
        var key: String
        var value: FrontMatterValue
    }

    /// The file line the value starts on.
    var line: Int {
        switch self {
        case .scalar(_, _, let line), .sequence(_, let line), .mapping(_, let line): return line
        }
    }

    var string: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    /// `~`, `null` or nothing, unquoted.
    var isNull: Bool {
        guard case .scalar(let text, true, _) = self else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    var sequence: [FrontMatterValue]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    var mapping: [Entry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    /// The first value of a mapping's key.
    subscript(key: String) -> FrontMatterValue? {
        mapping?.first { $0.key == key }?.value
    }

    /// Yams's node, its line a file line through `lines`. `anchored` holds the
    /// nodes with an anchor already converted: Yams gives an alias its anchor's node, shared, and
    /// converting that node once keeps the sharing, so nested aliases (YAML's billion laughs: ten
    /// lines, 10⁹ values once expanded) cost what the lines cost instead of hanging the build.
    /// Yams's nodes reference their anchors weakly: convert while the parser that made them lives.
    init(_ node: Node, lines: YAMLLines, anchored: inout [String: FrontMatterValue]) {
        let key = node.anchor.map { "\($0.rawValue)@\(node.mark?.line ?? 0):\(node.mark?.column ?? 0)" }
        if let key, let value = anchored[key] {
            self = value
            return
        }
        let line = lines.fileLine(node.mark?.line ?? 1)
        switch node {
        case .scalar(let scalar):
            self = .scalar(scalar.string, plain: scalar.style == .plain, line: line)
        case .sequence(let sequence):
            self = .sequence(sequence.map { FrontMatterValue($0, lines: lines, anchored: &anchored) }, line: line)
        case .mapping(let mapping):
            self = .mapping(mapping.compactMap { key, value in
                key.scalar.map { Entry(key: $0.string, value: FrontMatterValue(value, lines: lines, anchored: &anchored)) }
            }, line: line)
        case .alias:
            self = .scalar("", plain: true, line: line)
        }
        if let key { anchored[key] = self }
    }
}
