import CYaml
import Yams

/// Front matter's keys, checked on libyaml's events before Yams composes the document (Yams's
/// own copy of libyaml, so the two cannot disagree on where a key is). What Yams does with
/// keys goes wrong on hostile or careless front matter:
///
/// - Yams checks every mapping for duplicate keys by hashing the keys whole, an alias key as
///   its whole anchored value, shared parts again each time they are shared: ten lines of
///   nested aliases with one used as a key made a 542-byte post take minutes (a fuzzer finding,
///   `Fixtures/fuzz/yaml-alias-key-bomb.md`), and keys nested in keys cost their size times
///   their depth. Front matter has no use for a key that is not plain text (feedsmith reads
///   only text keys), so an alias, list or mapping as a key is refused.
/// - Yams names duplicate keys in the order of a hash table, and gives the line of whichever
///   comes first in that order, so two reads of one file could give two messages. Here the
///   names are sorted and the line is the first at which a repeated key appears.
extension FrontMatter {
    /// What is wrong with a front matter's keys.
    enum KeyProblem: Equatable {
        /// An alias (`*name`) stands as a key.
        case alias(name: String, line: Int)
        /// A key is a list (`[a, b]: x`) or a mapping (`? {a: b}`).
        case collection(isMapping: Bool, line: Int)
        /// Keys repeated in one mapping, the first mapping (innermost first, as Yams composes)
        /// that repeats any; `line` is the first line at which one of them appears.
        case duplicates(names: [String], line: Int)

        var line: Int {
            switch self {
            case .alias(_, let line), .collection(_, let line), .duplicates(_, let line): line
            }
        }

        /// What the user reads.
        var reason: String {
            switch self {
            case .alias(let name, _):
                "front matter: the alias '*\(name)' stands in a key; feedsmith refuses aliases in keys (Yams expands them whole to compare keys)"
            case .collection(let isMapping, _):
                "front matter: a key is a \(isMapping ? "mapping" : "list"); feedsmith reads only plain keys (`title:`, `tags:`)"
            case .duplicates(let names, _):
                "duplicate key '\(names.joined(separator: "', '"))' in front matter"
            }
        }
    }

    /// The first problem with the keys of `yaml`'s first document, at file lines as `lines`
    /// counts them. Nil when there is none, and when libyaml stops on an error first: Yams then
    /// reports it (as it does a second document).
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
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    return nil
                default:
                    if let problem = keys.take(event) { return problem }
                }
            }
        }
    }
}

/// Follows the event stream: for each open collection, how many nodes it has held (a mapping's
/// go key, value, key, value) and, for a mapping, its keys with their lines.
private struct KeyWalk {
    let lines: YAMLLines
    private var open: [(isMapping: Bool, count: Int, keys: [(key: Node, line: Int)])] = []

    init(lines: YAMLLines) {
        self.lines = lines
    }

    mutating func take(_ event: yaml_event_t) -> FrontMatter.KeyProblem? {
        let line = lines.fileLine(Int(event.start_mark.line) + 1)  // libyaml counts from 0
        switch event.type {
        case YAML_ALIAS_EVENT:
            if nextIsKey() {
                return .alias(name: event.data.alias.anchor.map { String(cString: $0) } ?? "", line: line)
            }
        case YAML_SCALAR_EVENT:
            if nextIsKey() { open[open.count - 1].keys.append((Self.key(event), line)) }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if nextIsKey() { return .collection(isMapping: isMapping, line: line) }
            open.append((isMapping, 0, []))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if let closed = open.popLast(), closed.isMapping { return Self.duplicates(in: closed.keys) }
        default:
            break
        }
        return nil
    }

    /// Counts a node in the collection it is in, and says whether it is a mapping's key.
    private mutating func nextIsKey() -> Bool {
        guard let parent = open.indices.last else { return false }
        defer { open[parent].count += 1 }
        return open[parent].isMapping && open[parent].count % 2 == 0
    }

    /// The key as Yams composes it, so keys compare as in Yams: `1` (an int) and `"1"` (a
    /// quoted scalar with no tag is a string) are two keys, `a` and `"a"` one.
    private static func key(_ event: yaml_event_t) -> Node {
        let scalar = event.data.scalar
        let value = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
        let name: Tag.Name = scalar.quoted_implicit == 1 ? .str
            : scalar.tag.map { Tag.Name(rawValue: String(cString: $0)) } ?? .implicit
        return .scalar(Node.Scalar(value, Tag(name, .default, .default)))
    }

    private static func duplicates(in keys: [(key: Node, line: Int)]) -> FrontMatter.KeyProblem? {
        guard keys.count > 1 else { return nil }
        var firstLines: [Node: (line: Int, repeated: Bool)] = [:]
        for (key, line) in keys {
            if let seen = firstLines[key] {
                firstLines[key] = (seen.line, true)
            } else {
                firstLines[key] = (line, false)
            }
        }
        let repeated = firstLines.filter(\.value.repeated)
        guard let line = repeated.values.map(\.line).min() else { return nil }
        // `1` and `"1"` both repeated are two keys of one name, named once.
        return .duplicates(names: Set(repeated.keys.compactMap(\.scalar?.string)).sorted(), line: line)
    }
}
