import CYaml

/// Yams checks every mapping for duplicate keys by hashing the keys, and an alias key is hashed
/// as its whole anchored value, shared parts again each time they are shared. Ten lines of
/// nested aliases with one of them used as a key made a 542-byte post take minutes (a fuzzer
/// finding, `Fixtures/fuzz/yaml-alias-key-bomb.md`). Front matter never needs an alias as a
/// key, so such front matter is refused before Yams reads it.
///
/// The check reads libyaml's events, the ones Yams composes its nodes from (Yams's own copy of
/// libyaml, so the two cannot disagree on where a key is). A first version scanned the text;
/// the fuzzer found a way past it on its next run.
extension FrontMatter {
    /// The first alias (`*name`) that stands in a key or anywhere inside one, and its line in
    /// the file (the YAML's first line is `firstLine`). Nil when there is none, and when libyaml
    /// stops on an error before finding one: Yams then reports that error.
    static func aliasInKey(_ yaml: String, firstLine: Int) -> (name: String, line: Int)? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var keys = KeyTracker()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    if keys.nodeIsInKey(opens: nil) {
                        let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                        return (name, firstLine + Int(event.start_mark.line))
                    }
                case YAML_SCALAR_EVENT:
                    _ = keys.nodeIsInKey(opens: nil)
                case YAML_SEQUENCE_START_EVENT:
                    _ = keys.nodeIsInKey(opens: false)
                case YAML_MAPPING_START_EVENT:
                    _ = keys.nodeIsInKey(opens: true)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    keys.close()
                case YAML_DOCUMENT_START_EVENT:
                    keys = KeyTracker()
                default:
                    break
                }
            }
        }
    }
}

/// Where the event stream is: for each open collection, whether it is a mapping, how many nodes
/// it has held, and whether it is itself a key or inside one. A mapping's nodes alternate key,
/// value, key, value.
private struct KeyTracker {
    private var open: [(isMapping: Bool, count: Int, inKey: Bool)] = []

    /// Counts one node in its collection and says whether it is a key or inside one; `opens`
    /// is nil for a scalar or alias, else whether the node opens a mapping (or a sequence).
    mutating func nodeIsInKey(opens isMapping: Bool?) -> Bool {
        var inKey = false
        if let parent = open.indices.last {
            inKey = open[parent].inKey || (open[parent].isMapping && open[parent].count % 2 == 0)
            open[parent].count += 1
        }
        if let isMapping { open.append((isMapping, 0, inKey)) }
        return inKey
    }

    mutating func close() {
        _ = open.popLast()
    }
}
