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
        var path = relativePath
        guard let name = path.withUTF8({ Self.name(of: UnsafeRawBufferPointer($0)) }) else { return nil }
        self.relativePath = relativePath
        self.folderCategories = folderCategories
        (year, month, day, format) = (name.year, name.month, name.day, name.format)
        slug = String(decoding: Array(relativePath.utf8)[name.slug], as: UTF8.self)
    }

    /// Whether the last component of `path` (UTF-8) is a post's name: what a build asks of
    /// every file of the site, without making a `String` of it.
    public static func isPostName(_ path: UnsafeRawBufferPointer) -> Bool {
        name(of: path) != nil
    }
}

private extension PostFile {
    /// The parts of a post's name in `path`, the slug as a range of `path`'s bytes.
    static func name(of path: UnsafeRawBufferPointer) -> (year: Int, month: Int, day: Int, format: Format, slug: Range<Int>)? {
        let nameStart = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        guard let dot = path[nameStart...].lastIndex(of: UInt8(ascii: ".")) else { return nil }
        guard let format = format(ofExtension: path[(dot + 1)...]) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in path[(nameStart + range.lowerBound)..<(nameStart + range.upperBound)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ offset: Int) -> UInt8 { path[nameStart + offset] }
        guard dot - nameStart > 11, let y = number(0..<4), byte(4) == UInt8(ascii: "-"), let m = number(5..<7),
              byte(7) == UInt8(ascii: "-"), let d = number(8..<10), byte(10) == UInt8(ascii: "-"),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        return (y, m, d, format, (nameStart + 11)..<dot)
    }

    /// The format an extension names, in any case; compared byte by byte, since this runs for
    /// every file of the site.
    static func format(ofExtension bytes: Slice<UnsafeRawBufferPointer>) -> Format? {
        let lower = bytes.lazy.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        return extensions.first { name, _ in lower.elementsEqual(name.utf8) }?.format
    }

    static let extensions: [(name: String, format: Format)] = [
        ("md", .markdown), ("markdown", .markdown), ("mkd", .markdown), ("mkdn", .markdown), ("mdown", .markdown),
        ("html", .html), ("htm", .html),
    ]
}
