import CYaml
import Yams

/// Front matter's keys, checked on libyaml's events before Yams composes the document (Yams's
/// own copy of libyaml, so the two cannot disagree on where a key is). Two things Yams does
/// with keys go wrong on hostile or careless front matter:
///
/// - Yams checks every mapping for duplicate keys by hashing the keys, and an alias key is
///   hashed as its whole anchored value, shared parts again each time they are shared. Ten
///   lines of nested aliases with one used as a key made a 542-byte post take minutes (a
///   fuzzer finding, `Fixtures/fuzz/yaml-alias-key-bomb.md`). Front matter never needs an alias
///   as a key, so one is refused. (A first version scanned the text; the fuzzer got past it.)
/// - Yams names duplicate keys in the order of a hash table, and its line is that of whichever
///   comes first in that order, so two reads of one file could give two messages. Here the
///   names are sorted and the line is the first at which a repeated key appears.
extension FrontMatter {
    /// What is wrong with a front matter's keys.
    enum KeyProblem: Equatable {
        /// An alias (`*name`) stands in a key or anywhere inside one.
        case alias(name: String, line: Int)
        /// Keys repeated in one mapping, the first mapping (innermost first, as Yams composes)
        /// that repeats any; `line` is the first line at which one of them appears.
        case duplicates(names: [String], line: Int)
    }

    /// The first problem with the keys of `yaml`, at file lines as `lines` counts them. Nil
    /// when there is none, and when libyaml stops on an error first: Yams then reports it.
    static func keyProblem(_ yaml: String, lines: YAMLLines) -> KeyProblem? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var keys = KeyWalk(lines: lines)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let problem = keys.take(event) { return problem }
            }
        }
    }
}

/// Follows the event stream: which nodes are keys or inside one (those are composed as Yams
/// composes them, to compare them as Yams does), and each mapping's keys with their lines.
private struct KeyWalk {
    let lines: YAMLLines

    /// An open sequence or mapping.
    private struct Collection {
        var isMapping: Bool
        /// Whether it is a key or inside one.
        var inKey: Bool
        /// Whether it is itself a key of the mapping around it.
        var isKey: Bool
        var tag: Tag
        var line: Int
        /// The nodes it holds so far, only when `inKey`; values are never composed otherwise.
        var nodes: [Node] = []
        var count = 0
        /// A mapping's keys with their lines.
        var keys: [(node: Node, line: Int)] = []
    }

    private var open: [Collection] = []

    init(lines: YAMLLines) {
        self.lines = lines
    }

    mutating func take(_ event: yaml_event_t) -> FrontMatter.KeyProblem? {
        let line = lines.fileLine(Int(event.start_mark.line) + 1)  // libyaml counts from 0
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            open = []
        case YAML_ALIAS_EVENT:
            let (inKey, _) = startNode()
            if inKey {
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                return .alias(name: name, line: line)
            }
            // Never a key, and the collection it is in is not composed: nothing to keep.
            finish(nil, isKey: false, line: line)
        case YAML_SCALAR_EVENT:
            let (inKey, isKey) = startNode()
            var node: Node?
            if inKey {
                let scalar = event.data.scalar
                let value = scalar.value.map { pointer in
                    String(decoding: UnsafeBufferPointer(start: pointer, count: scalar.length), as: UTF8.self)
                } ?? ""
                // A quoted scalar with no tag is a string, as Yams reads it (`"1"` is no `1`).
                let tag = scalar.quoted_implicit == 1 ? Tag(.str, .default, .default) : tag(scalar.tag)
                node = .scalar(Node.Scalar(value, tag, Node.Scalar.Style(rawValue: scalar.style.rawValue) ?? .any))
            }
            finish(node, isKey: isKey, line: line)
        case YAML_SEQUENCE_START_EVENT:
            let (inKey, isKey) = startNode()
            open.append(Collection(isMapping: false, inKey: inKey, isKey: isKey, tag: tag(event.data.sequence_start.implicit != 0 ? nil : event.data.sequence_start.tag), line: line))
        case YAML_MAPPING_START_EVENT:
            let (inKey, isKey) = startNode()
            open.append(Collection(isMapping: true, inKey: inKey, isKey: isKey, tag: tag(event.data.mapping_start.implicit != 0 ? nil : event.data.mapping_start.tag), line: line))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let closed = open.popLast() else { return nil }
            if closed.isMapping, let problem = Self.duplicates(in: closed.keys) { return problem }
            var node: Node?
            if closed.inKey {
                node = closed.isMapping
                    ? .mapping(Node.Mapping(stride(from: 0, to: closed.nodes.count - 1, by: 2).map {
                        (closed.nodes[$0], closed.nodes[$0 + 1])
                    }, closed.tag))
                    : .sequence(Node.Sequence(closed.nodes, closed.tag))
            }
            finish(node, isKey: closed.isKey, line: closed.line)
        default:
            break
        }
        return nil
    }

    /// Counts a node in the collection it is in: whether it is inside a key, and whether it is
    /// a mapping's key itself (a mapping's nodes go key, value, key, value).
    private mutating func startNode() -> (inKey: Bool, isKey: Bool) {
        guard let parent = open.indices.last else { return (false, false) }
        let isKey = open[parent].isMapping && open[parent].count % 2 == 0
        open[parent].count += 1
        return (open[parent].inKey || isKey, isKey)
    }

    /// Hands a finished node (composed only inside a key) to the collection it is in.
    private mutating func finish(_ node: Node?, isKey: Bool, line: Int) {
        guard let parent = open.indices.last, let node else { return }
        if open[parent].inKey { open[parent].nodes.append(node) }
        if isKey { open[parent].keys.append((node, line)) }
    }

    /// The tag as Yams gives it, so keys compare (and resolve `1` against `"1"`) as in Yams.
    private func tag(_ name: UnsafeMutablePointer<yaml_char_t>?) -> Tag {
        Tag(name.map { Tag.Name(rawValue: String(cString: $0)) } ?? .implicit, .default, .default)
    }

    private static func duplicates(in keys: [(node: Node, line: Int)]) -> FrontMatter.KeyProblem? {
        guard keys.count > 1 else { return nil }
        var firstLines: [Node: (line: Int, repeated: Bool)] = [:]
        for key in keys {
            if let seen = firstLines[key.node] {
                firstLines[key.node] = (seen.line, true)
            } else {
                firstLines[key.node] = (key.line, false)
            }
        }
        let repeated = firstLines.filter(\.value.repeated)
        guard let line = repeated.values.map(\.line).min() else { return nil }
        let names = repeated.keys.map { key in
            key.string ?? (key.sequence != nil ? "(a sequence)" : "(a mapping)")
        }
        return .duplicates(names: names.sorted(), line: line)
    }
}
