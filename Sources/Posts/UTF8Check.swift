/// Post files must be UTF-8 (Jekyll's default encoding). A file that is not is reported at the
/// line of its first bad byte, rather than published with replacement characters.
enum UTF8Check {
    static func decode(_ bytes: [UInt8], path: String) throws(PostError) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        var line = 1
        var index = 0
        var iterator = body.makeIterator()
        var decoder = UTF8()
        var offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                index = offset
                break loop
            }
        }
        throw PostError(path: path, line: line,
                        reason: "the file is not valid UTF-8 (byte \(index + 1) of the file); save it as UTF-8")
    }
}
