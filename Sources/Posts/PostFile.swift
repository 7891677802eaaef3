/// A file found in a posts folder whose name has Jekyll's `YYYY-MM-DD-title.ext` form.
public struct PostFile: Sendable, Hashable {
    /// Path relative to the site folder, with `/` separators.
    public var relativePath: String
    /// The categories the folders above the posts folder give (`finance/_posts/…` → finance).
    public var folderCategories: [String]
    public var year: Int, month: Int, day: Int
    /// The title part of the name (`jiasu-shuzihua-zhuanxing`).
    public var slug: String
    public var format: Format
    /// Size, times and inode when the file was found (nil for a file named, not found).
    public var stamp: FileStamp?

    /// How the body is written.
    public enum Format: Sendable, Hashable {
        case markdown, html
    }

    /// Reads Jekyll's post file name, or nil when the name is not one.
    public init?(relativePath: String, folderCategories: [String]) {
        // Runs for every file on every build: bytes, no splitting or case-folding of the path.
        let bytes = relativePath.utf8
        let nameStart = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")) else { return nil }
        switch Self.lowercased(bytes[bytes.index(after: dot)...]) {
        case "md", "markdown", "mkd", "mkdn", "mdown": format = .markdown
        case "html", "htm": format = .html
        default: return nil
        }
        let stem = Array(bytes[nameStart..<dot])
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= stem.count else { return nil }
            var value = 0
            for byte in stem[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard stem.count > 11, let y = number(0..<4), stem[4] == UInt8(ascii: "-"), let m = number(5..<7),
              stem[7] == UInt8(ascii: "-"), let d = number(8..<10), stem[10] == UInt8(ascii: "-"),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.relativePath = relativePath
        self.folderCategories = folderCategories
        (year, month, day) = (y, m, d)
        slug = String(decoding: stem[11...], as: UTF8.self)
    }

    /// An extension, lower-cased, when it is short enough to be one we know.
    private static func lowercased(_ bytes: Substring.UTF8View) -> String {
        guard bytes.count <= 8 else { return "" }
        return String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
