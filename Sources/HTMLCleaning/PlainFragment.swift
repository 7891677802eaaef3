import FeedModel
import Glibc

/// The fast path of ``HTMLCleaner``: a fragment already in the form the cleaner writes —
/// lower-case allow-listed tags without attributes, properly nested as HTML's parser would
/// leave them, text with nothing to decode but `&amp;` `&lt;` `&gt;` — is its own cleaned
/// form, so it is checked in one pass over its bytes instead of being parsed. Anything else
/// (an attribute, an entity, a comment, white space between blocks, which the parser may
/// drop) returns nil and goes to libxml2. Tests check that both paths agree.
struct PlainFragment {
    enum Kind { case phrase, paragraph, quote, list, item }

    /// The tag named by `name`'s bytes, as a string constant, with its kind (nil for `br`);
    /// nil for any tag the fast path does not take.
    static func tag(_ name: UnsafeBufferPointer<UInt8>) -> (String, Kind?)? {
        switch name.count {
        case 1:
            switch name[0] {
            case 0x62: return ("b", .phrase)
            case 0x69: return ("i", .phrase)
            case 0x75: return ("u", .phrase)
            case 0x73: return ("s", .phrase)
            case 0x70: return ("p", .paragraph)
            default: return nil
            }
        case 2:
            switch (name[0], name[1]) {
            case (0x62, 0x72): return ("br", nil)
            case (0x65, 0x6D): return ("em", .phrase)
            case (0x75, 0x6C): return ("ul", .list)
            case (0x6F, 0x6C): return ("ol", .list)
            case (0x6C, 0x69): return ("li", .item)
            case (0x68, 0x31...0x36): return (["h1", "h2", "h3", "h4", "h5", "h6"][Int(name[1] - 0x31)], .paragraph)
            default: return nil
            }
        default:
            let text = String(decoding: name, as: UTF8.self)
            return kinds[text].map { (text, $0) }
        }
    }

    /// Tags taken as they are, with what they may contain.
    static let kinds: [String: Kind] = [
        "b": .phrase, "i": .phrase, "em": .phrase, "strong": .phrase, "u": .phrase, "s": .phrase,
        "small": .phrase, "sub": .phrase, "sup": .phrase, "code": .phrase, "span": .phrase,
        "p": .paragraph, "h1": .paragraph, "h2": .paragraph, "h3": .paragraph, "h4": .paragraph,
        "h5": .paragraph, "h6": .paragraph, "blockquote": .quote, "ul": .list, "ol": .list,
        "li": .item,
    ]

    /// The cleaned form (the input itself, `>` in text escaped, `<br>` as `<br />`) and
    /// the excerpt, or nil when the fragment needs the parser.
    static func clean(_ html: String) -> CleanedHTML? {
        html.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = PlainFragment(html, bytes: bytes, writes: false)
            guard scanner.run() else { return nil }
            let excerpt = scanner.excerpt
            // Nearly always the input is its own cleaned form: no copy is made of it.
            guard scanner.rewrites else { return CleanedHTML(html: html, excerpt: excerpt) }
            var writer = PlainFragment(html, bytes: bytes, writes: true)
            _ = writer.run()
            return CleanedHTML(html: writer.output, excerpt: excerpt)
        } ?? nil
    }

    /// A run of text (entities still escaped) or the space a block edge or `<br>` stands for.
    private enum Piece {
        case text(Range<Int>)
        case space
    }

    /// The fragment, and its UTF-8 storage.
    private let html: String
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the cleaned form is written to `output`; without it, the scan only notes in
    /// `rewrites` whether it differs from the input.
    private let writes: Bool
    private var rewrites = false
    private var output = ""
    private var stack = SmallList<(name: String, kind: Kind)>()
    private var runStart = 0
    /// The text of the open top-level `<p>`, until the first such paragraph closes.
    private var paragraphPieces = SmallList<Piece>()
    private var paragraph = ""
    /// All the text, with a space at each block's edges and after each `<br>`; kept only
    /// until a paragraph is found, since the excerpt is then that paragraph.
    private var allPieces = SmallList<Piece>()

    private init(_ html: String, bytes: UnsafeBufferPointer<UInt8>, writes: Bool) {
        self.html = html
        self.bytes = bytes
        self.writes = writes
        if writes { output.reserveCapacity(bytes.count + 16) }
    }

    private var excerpt: String { paragraph.isEmpty ? text(of: allPieces) : paragraph }

    private mutating func run() -> Bool {
        var index = 0
        let count = bytes.count
        runStart = 0
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while index < count {
            // Eight bytes at a time while they hold nothing the switch below looks at but
            // 0xEF leads (Chinese punctuation `，` is EF BC 8C), each checked where it is.
            if index + 8 <= count, let leads = PlainFragment.plainTextLeads(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                let noncharacter = !ByteWord.allMarked(leads) { offset in
                    let lead = index + offset
                    return !(bytes[lead] == 0xEF && lead + 2 < count && bytes[lead + 1] == 0xBF && bytes[lead + 2] >= 0xBE)
                }
                if noncharacter { return false }  // U+FFFE, U+FFFF
                index += 8
                continue
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"):
                guard flushText(upTo: index), let end = tag(at: index) else { return false }
                index = end
                runStart = end
                continue
            case UInt8(ascii: "&"):
                guard isXMLEntity(at: index) else { return false }
            case UInt8(ascii: ">"): rewrites = true
            case 0x09, 0x0A: break
            case 0..<0x20, 0x7F: return false
            case 0xEF where index + 2 < count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                return false
            default: break
            }
            index += 1
        }
        return flushText(upTo: count) && stack.isEmpty
    }

    /// For a word of eight bytes with no `<`, `&`, `>`, control character or DEL (SWAR
    /// zero-byte tests), the high bit of each byte that may be 0xEF (a lead the caller
    /// checks; a byte after a real one may be marked too); nil for any other word.
    @inline(__always)
    static func plainTextLeads(_ word: UInt64) -> UInt64? {
        let special = ByteWord.marksBelow(word, 0x20) | ByteWord.marks(word, 0x3C)
            | ByteWord.marks(word, 0x26) | ByteWord.marks(word, 0x3E) | ByteWord.marks(word, 0x7F)
        return special == 0 ? ByteWord.marks(word, 0xEF) : nil
    }

    /// Takes the text run before `end`; white space alone is the parser's to judge.
    private mutating func flushText(upTo end: Int) -> Bool {
        guard runStart < end else { return true }
        let run = UnsafeBufferPointer(rebasing: bytes[runStart..<end])
        guard run.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) else { return false }
        if let top = stack.last, top.kind == .list { return false }  // text directly in a list
        if writes {
            let original = string(runStart..<end)
            output += run.contains(UInt8(ascii: ">")) ? original.replacingGreaterThan() : original
        }
        note(.text(runStart..<end))
        return true
    }

    /// Adds a piece to the excerpt's text while the excerpt is not settled.
    private mutating func note(_ piece: Piece) {
        guard paragraph.isEmpty else { return }
        allPieces.append(piece)
        if stack.first?.name == "p" { paragraphPieces.append(piece) }
    }

    /// The pieces' text, entities decoded, white space collapsed.
    private func text(of pieces: SmallList<Piece>) -> String {
        if pieces.count == 1, case .text(let range) = pieces[0], !hasAmpersand(range) {
            return XMLText.collapsingSpace(string(range))
        }
        var joined = ""
        for piece in pieces {
            switch piece {
            case .space: joined += " "
            case .text(let range):
                let run = string(range)
                joined += hasAmpersand(range) ? run.decodingXMLEntities() : run
            }
        }
        return XMLText.collapsingSpace(joined)
    }

    private func hasAmpersand(_ range: Range<Int>) -> Bool {
        range.isEmpty ? false : memchr(bytes.baseAddress! + range.lowerBound, 0x26, range.count) != nil
    }

    /// The text of `range`, which starts and ends next to a tag's ASCII bytes or the ends:
    /// a copy of part of a valid string, so its bytes are not validated again (as decoding
    /// them would do, a visible share of a large feed's time).
    private func string(_ range: Range<Int>) -> String {
        let utf8 = html.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(Substring(utf8[start..<end]))
    }

    /// Reads the tag at `start`; returns the index after it, or nil to fall back.
    private mutating func tag(at start: Int) -> Int? {
        var index = start + 1
        let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        while index < bytes.count, (0x61...0x7A).contains(bytes[index]) || (0x31...0x36).contains(bytes[index]) {
            index += 1
        }
        guard index > nameStart, index < bytes.count else { return nil }
        guard let (name, kind) = PlainFragment.tag(UnsafeBufferPointer(rebasing: bytes[nameStart..<index])) else {
            return nil
        }
        if !closing, kind == nil {  // <br>
            if bytes[index] == UInt8(ascii: " "), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                index += 1
            }
            if bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { return nil }
            if let top = stack.last, top.kind == .list || top.kind == .quote { return nil }
            // Only `<br />` is written as it stands.
            if index - start != 5 || bytes[start + 3] != UInt8(ascii: " ") { rewrites = true }
            if writes { output += "<br />" }
            note(.space)
            return index + 1
        }
        guard bytes[index] == UInt8(ascii: ">"), let kind else { return nil }
        // Every kind but phrases is one of HTMLPolicy.blocks.
        let isBlock = kind != .phrase
        if closing {
            guard let top = stack.popLast(), top.name == name else { return nil }
            if writes { output += "</" + name + ">" }
            if isBlock { note(.space) }
            if stack.isEmpty, name == "p", paragraph.isEmpty {
                paragraph = text(of: paragraphPieces)
                if !paragraph.isEmpty { allPieces.removeAll() }
                paragraphPieces.removeAll()
            }
        } else {
            guard stack.count < 32, allows(kind) else { return nil }
            if isBlock { note(.space) }
            stack.append((name, kind))
            if writes { output += "<" + name + ">" }
        }
        return index + 1
    }

    /// Whether an element of `kind` may open here without the parser closing or moving
    /// anything (no block in a paragraph, list items only in lists, and so on).
    private func allows(_ kind: Kind) -> Bool {
        let parent = stack.last?.kind
        switch kind {
        case .phrase: return parent != .list && parent != .quote
        case .paragraph: return parent == nil || parent == .quote
        case .quote, .list: return parent == nil
        case .item: return parent == .list
        }
    }

    private func isXMLEntity(at index: Int) -> Bool {
        for entity in ["&amp;", "&lt;", "&gt;"] where index + entity.utf8.count <= bytes.count {
            if UnsafeBufferPointer(rebasing: bytes[index..<(index + entity.utf8.count)]).elementsEqual(entity.utf8) {
                return true
            }
        }
        return false
    }
}

private extension String {
    func replacingGreaterThan() -> String {
        var out = ""
        for character in unicodeScalars {
            if character == ">" { out += "&gt;" } else { out.unicodeScalars.append(character) }
        }
        return out
    }

    func decodingXMLEntities() -> String {
        var out = ""
        var rest = self[...]
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            let tail = rest[ampersand...]
            let known = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")].first { tail.hasPrefix($0.0) }
            out += known?.1 ?? "&"
            rest = tail.dropFirst(known?.0.count ?? 1)
        }
        return out + rest
    }
}
