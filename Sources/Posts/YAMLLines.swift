/// libyaml (under Yams) starts a line at every CR, LF, CRLF, NEL, LS and PS; a file's lines, as
/// editors and our errors count them, end only at LF. A post whose front matter holds stray
/// CRs was reported at line 125 of a 7-line file (a fuzzer finding): Yams's lines go through
/// this table to become file lines.
struct YAMLLines {
    /// For each libyaml line (from 1), where it starts in the YAML and the file line it is on.
    private var starts: [String.Index]
    private var fileLines: [Int]
    private let yaml: String

    /// `firstLine` is the file line of the YAML's first line.
    init(_ yaml: String, firstLine: Int) {
        self.yaml = yaml
        starts = [yaml.startIndex]
        fileLines = [firstLine]
        var fileLine = firstLine
        let scalars = yaml.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            switch scalar {
            case "\r" where index < scalars.endIndex && scalars[index] == "\n":
                continue  // CRLF is one break, counted at its LF
            case "\n":
                fileLine += 1
            case "\r", "\u{85}", "\u{2028}", "\u{2029}":
                break
            default:
                continue
            }
            starts.append(index)
            fileLines.append(fileLine)
        }
    }

    /// The file line of libyaml's line `line` (Yams's `Mark.line`, from 1).
    func fileLine(_ line: Int) -> Int {
        fileLines[min(max(line, 1), fileLines.count) - 1]
    }

    /// The text of libyaml's line `line`, without its break; nil past the end.
    func text(_ line: Int) -> Substring? {
        guard line >= 1, line <= starts.count else { return nil }
        let end = line < starts.count ? starts[line] : yaml.endIndex
        var text = yaml[starts[line - 1]..<end]
        while let last = text.unicodeScalars.last, ["\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(last) {
            text = text.dropLast()
        }
        return text
    }
}
