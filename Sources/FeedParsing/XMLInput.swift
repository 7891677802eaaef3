import Foundation
import Glibc

/// The bytes handed to libxml2 and the encoding it is told to read them in, after the
/// repairs real feeds need. Each repair adds a warning.
struct XMLInput {
    /// The document as given (a file mapping is not copied), or its repaired copy.
    var data: Data
    /// nil lets libxml2 decide from the BOM and the XML declaration.
    var encoding: String?
    var warnings: [String] = []
    /// Whether `data` is a read-only file mapping (``MappedFile``) whose pages the reader can
    /// let go of once read; a repaired copy is not.
    private(set) var isMapped: Bool
    /// Whether the byte repairs wait for a read that fails (see `settle`).
    private var repairsPending = false
    /// Whether the bytes were found valid UTF-8 and libxml2 reads them as UTF-8 (as they are,
    /// or through its UTF-8 handler, a plain copy): then every run of text it passes on is whole
    /// characters of them (or UTF-8 it writes itself, for a character reference), and needs no
    /// second check. The repairs keep this: they replace and drop ASCII only.
    private(set) var isKnownUTF8 = false

    /// The encoding a document names (HTTP `charset` first, then its XML declaration).
    struct Label {
        var declared: String?
        /// The libxml2 name of the encoding to read in.
        var name: String
    }

    init(_ data: Data, contentType: String?, mapped: Bool = false) {
        self.data = data
        isMapped = mapped
        encoding = nil
        data.withUnsafeBytes { bytes in
            guard !XMLInput.detectsItself(bytes) else { return }
            let label = label(of: bytes, charset: contentType.flatMap(XMLInput.charset(of:)))
            let scan = UTF8Scan.of(data, releasing: mapped)
            choose(label, bytes, scan: scan)
            // A zero byte up front lets libxml2 guess UTF-16 or UCS-4 when nothing is declared.
            isKnownUTF8 = scan.isValid && (encoding == nil || encoding?.uppercased() == "UTF-8")
                && !bytes.prefix(4).contains(0)
        }
        // The byte-level repairs assume an ASCII-compatible encoding, which UTF-16 is not.
        if !data.prefix(4).contains(0) && !data.starts(with: [0xFE, 0xFF])
            && !data.starts(with: [0xFF, 0xFE]) {
            // Without a DOCTYPE every byte a repair changes stops libxml2 (an undefined entity,
            // a bare `&`, a forbidden control are fatal errors), and what it read before is the
            // same either way: the repairs wait for a read that fails (`settle`). A DOCTYPE
            // can make undefined entities mere warnings, so its documents are repaired first.
            if data.withUnsafeBytes(XMLInput.hasDoctype) { repair() } else { repairsPending = true }
        }
    }

    /// After a read stopped on an error: makes the repairs left for later. Returns whether
    /// they changed the bytes, so that a second read can give more.
    mutating func settle() -> Bool {
        guard repairsPending else { return false }
        repairsPending = false
        let count = warnings.count
        repair()
        return warnings.count > count
    }

    /// Drops forbidden controls and replaces undefined entities, each with its warning.
    private mutating func repair() {
        dropControlCharacters()
        let current = data
        let mapped = isMapped
        if let (repaired, changed) = current.withUnsafeBytes({ XMLInput.replacingEntities($0, releasing: mapped) }) {
            replace(with: repaired)
            warnings.append("replaced \(changed) undefined entity reference\(changed == 1 ? "" : "s") or bare '&'")
        }
    }

    /// Calls `body` with the bytes to hand to libxml2.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        data.withUnsafeBytes(body)
    }

    /// Takes a repaired copy of the document in place of the original.
    mutating func replace(with bytes: [UInt8]) {
        data = Data(bytes)
        isMapped = false
    }
}

extension XMLInput {
    /// The `charset` parameter of an HTTP `Content-Type`.
    static func charset(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces)
                .lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The libxml2 (iconv) name for a declared encoding. GB2312 and GBK feeds use characters
    /// only their superset GB18030 has (Sina, NetEase and most Chinese CMS output).
    static func libxmlName(_ declared: String) -> String {
        switch declared.lowercased() {
        case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80",
             "euc-cn", "x-euc-cn", "csgb2312", "gb18030": "GB18030"
        case "big5", "x-big5", "cn-big5", "csbig5": "BIG5"
        case "utf8": "UTF-8"
        default: declared
        }
    }
}

private extension XMLInput {
    /// A BOM or UTF-16 without one: libxml2 detects these itself and better.
    static func detectsItself(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00])
            || bytes.starts(with: [0x00, 0x3C])
    }

    /// The encoding `bytes` (the document as given) name, fixed where the label cannot be right.
    mutating func label(of bytes: UnsafeRawBufferPointer, charset: String?) -> Label {
        var declared = charset ?? XMLInput.declaration(bytes)
        // A UTF-16/32 label on bytes with no BOM and no zero byte up front is wrong: .NET's
        // XmlWriter over a StringWriter declares utf-16 whatever the file is saved as.
        if let label = declared?.uppercased(), label.hasPrefix("UTF-16") || label.hasPrefix("UTF-32"),
           !bytes.prefix(4).contains(0) {
            warnings.append("declared encoding \(declared!) but the bytes are not UTF-16; read as UTF-8")
            declared = "UTF-8"
        }
        var name = declared.map(XMLInput.libxmlName) ?? "UTF-8"
        // Word's smart quotes and the euro sign in a feed labelled ISO-8859-1 are windows-1252,
        // never C1 controls (the WHATWG Encoding Standard reads the label so). Only when every
        // byte is defined in windows-1252, which iconv requires.
        if XMLInput.latin1Labels.contains(name.uppercased()),
           bytes.contains(where: { (0x80...0x9F).contains($0) }),
           !bytes.contains(where: { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }) {
            name = "WINDOWS-1252"
        }
        return Label(declared: declared, name: name)
    }

    /// Chooses the encoding of `bytes` (the document as given) from their label and `scan`.
    mutating func choose(_ label: Label, _ bytes: UnsafeRawBufferPointer, scan: UTF8Scan) {
        let (declared, name) = (label.declared, label.name)
        let isUTF8Name = name.uppercased() == "UTF-8"
        guard scan.hasMultibyte else {
            encoding = declared == nil ? nil : name
            return
        }
        let validUTF8 = scan.isValid
        if !isUTF8Name, validUTF8, !name.uppercased().hasPrefix("UTF-16") {
            // Mis-declared UTF-8: CMS templates that say GBK around UTF-8 content. Multibyte
            // text that is valid UTF-8 is almost never meant as anything else.
            warnings.append("declared encoding \(declared ?? name) but the bytes are UTF-8; read as UTF-8")
            encoding = "UTF-8"
        } else if isUTF8Name, !validUTF8 {
            // Undeclared or mis-declared legacy bytes: Chinese sites omit `encoding="GBK"`;
            // Western ones write windows-1252 and say nothing.
            // ISO-8859-1 last: it decodes every byte, where iconv stops windows-1252 at the five
            // bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) and the feed comes out empty.
            let guess = XMLInput.decodes(bytes, from: "GB18030") ? "GB18030"
                : XMLInput.decodes(bytes, from: "WINDOWS-1252") ? "WINDOWS-1252" : "ISO-8859-1"
            warnings.append("declared encoding \(declared ?? "UTF-8 (default)") but the bytes are not UTF-8; read as \(guess)")
            encoding = guess
        } else {
            encoding = name
        }
    }

    /// The `encoding` of the XML declaration, if there is one.
    static func declaration(_ bytes: UnsafeRawBufferPointer) -> String? {
        let head = bytes.prefix(512)
        guard head.starts(with: Array("<?xml".utf8)),
              let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let text = String(decoding: head[..<end], as: UTF8.self)
        guard let range = text.range(of: "encoding") else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    static let latin1Labels: Set<String> = ["ISO-8859-1", "ISO8859-1", "ISO_8859-1", "LATIN1", "L1", "CP819", "IBM819"]

    /// Whether iconv reads all of `bytes` in `encoding` without an invalid sequence.
    static func decodes(_ bytes: UnsafeRawBufferPointer, from encoding: String) -> Bool {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return false }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: 4096)
        return input.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer = inBuffer.baseAddress
            var inLeft = inBuffer.count
            while inLeft > 0 {
                let ok = output.withUnsafeMutableBufferPointer { outBuffer -> Bool in
                    var outPointer = outBuffer.baseAddress
                    var outLeft = outBuffer.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return result != -1 || errno == E2BIG
                }
                if !ok { return false }
            }
            return true
        }
    }
}
