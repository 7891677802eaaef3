import FeedModel
import Posts

/// What a build knows of each post file (its stamp, and its date, canonical URL and categories
/// or why it is not published), flat: one row of numbers per file, every text in one byte
/// array, categories as numbers. A site has 100,000 posts and a build that finds nothing
/// changed looks at each of them; it makes no `String` or array per post.
struct PostTable {
    enum Kind: UInt8 {
        /// Published, or dated in the future (the clock is applied after the cache).
        case post = 0
        case unpublished = 1
        /// Could not be read; `text` is the error.
        case failed = 2
        /// A file in a posts folder whose name is not a post's; never cached.
        case notPost = 3
        /// Found, not read yet.
        case unread = 4
    }

    /// Where a text lies in ``bytes``.
    struct Text: Equatable, BitwiseCopyable {
        var start: UInt32 = 0
        var count: UInt32 = 0

        var range: Range<Int> { Int(start)..<Int(start) + Int(count) }
    }

    /// Plain numbers only (every bit pattern is a row), so the cache saves and loads the rows
    /// as one block of memory; ``rows(validating:)`` checks every number that points somewhere.
    struct Row: BitwiseCopyable {
        var path: Text
        var stamp: FileStamp
        /// A post's date, seconds since 1970.
        var date: Int64 = 0
        /// A post's canonical URL, or a failure's message.
        var text = Text()
        /// Where the row's category numbers lie in ``categoryIDs``.
        var categories = Text()
        private var kindValue: UInt8
        private var cacheableValue: UInt8 = 1
        /// Fills the row to its stride, so every byte saved is set (no stale heap memory in the file).
        private var reserved16: UInt16 = 0
        private var reserved32: UInt32 = 0

        init(path: Text, stamp: FileStamp, kind: Kind) {
            self.path = path
            self.stamp = stamp
            kindValue = kind.rawValue
        }

        var kind: Kind {
            get { Kind(rawValue: kindValue) ?? .unread }
            set { kindValue = newValue.rawValue }
        }

        /// Whether the row is saved in the cache (a file changed just now is not).
        var cacheable: Bool {
            get { cacheableValue != 0 }
            set { cacheableValue = newValue ? 1 : 0 }
        }

        /// Where each field lies in a row's memory: a saved cache whose rows lie otherwise is
        /// not read.
        static var layout: [Int] {
            [MemoryLayout<Row>.size, MemoryLayout<Row>.stride, MemoryLayout<Row>.offset(of: \.path)!,
             MemoryLayout<Row>.offset(of: \.stamp)!, MemoryLayout<Row>.offset(of: \.date)!,
             MemoryLayout<Row>.offset(of: \.text)!, MemoryLayout<Row>.offset(of: \.categories)!,
             MemoryLayout<Row>.offset(of: \.kindValue)!, MemoryLayout<Row>.offset(of: \.cacheableValue)!]
        }
    }

    private(set) var bytes: [UInt8] = []
    private(set) var rows: [Row] = []
    private(set) var categoryIDs: [Int32] = []
    /// Category names by number, and numbers by name.
    private(set) var categoryNames: [String] = []
    private var categoryNumbers: [String: Int32] = [:]

    init() {}

    /// A table of saved parts, or nil when some row points outside them or is of a kind
    /// never saved.
    init?(rows: [Row], bytes: [UInt8], categoryIDs: [Int32], categoryNames: [String]) {
        for (number, name) in categoryNames.enumerated() { categoryNumbers[name] = Int32(number) }
        guard categoryNumbers.count == categoryNames.count,
              !categoryIDs.contains(where: { $0 < 0 || Int($0) >= categoryNames.count }) else { return nil }
        func fits(_ text: Text, _ count: Int) -> Bool { text.range.upperBound <= count }
        for row in rows {
            guard row.kind.rawValue <= Kind.failed.rawValue, row.cacheable, fits(row.path, bytes.count),
                  fits(row.text, bytes.count), fits(row.categories, categoryIDs.count) else { return nil }
        }
        (self.rows, self.bytes, self.categoryIDs, self.categoryNames) = (rows, bytes, categoryIDs, categoryNames)
    }

    /// A table with no rows that shares `other`'s texts and category numbers, so its rows can
    /// be given to this one as they are (``append(_:)``); the texts of rows not given stay
    /// until ``compacted()``.
    init(sharingTextsOf other: PostTable) {
        (bytes, categoryIDs, categoryNames, categoryNumbers) = (other.bytes, other.categoryIDs, other.categoryNames, other.categoryNumbers)
    }

    func withText<R>(_ text: Text, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[text.range])) }
    }

    func string(_ text: Text) -> String {
        String(decoding: bytes[text.range], as: UTF8.self)
    }

    /// The numbers of the row's categories (``categoryNames``).
    func categoryNumbers(of row: Row) -> ArraySlice<Int32> { categoryIDs[row.categories.range] }

    func categories(of row: Row) -> [String] { categoryNumbers(of: row).map { categoryNames[Int($0)] } }

    mutating func reserve(rows count: Int, bytes byteCount: Int) {
        rows.reserveCapacity(count)
        bytes.reserveCapacity(byteCount)
        categoryIDs.reserveCapacity(count * 2)
    }

    /// Adds a row for the file at `path`, not read yet (or not a post); returns its number.
    @discardableResult
    mutating func append(path: UnsafeRawBufferPointer, stamp: FileStamp, kind: Kind) -> Int {
        rows.append(Row(path: add(path), stamp: stamp, kind: kind))
        return rows.count - 1
    }

    /// Adds a row of the table this one shares texts with (``init(sharingTextsOf:)``).
    mutating func append(_ row: Row) {
        rows.append(row)
    }

    /// Puts a row of the table this one shares texts with in place of row `index`.
    mutating func replace(_ index: Int, with row: Row) {
        rows[index] = row
    }

    /// This table with the texts and category numbers of its rows only, when the others take
    /// more room than they do (and than `slack` bytes).
    func compacted(slack: Int = 1 << 20) -> PostTable {
        let used = rows.reduce(0) { $0 + Int($1.path.count) + Int($1.text.count) }
        let numbers = rows.reduce(0) { $0 + Int($1.categories.count) }
        guard bytes.count > 2 * used + slack || categoryIDs.count > 2 * numbers + slack / 256 else { return self }
        var table = PostTable()
        (table.categoryNames, table.categoryNumbers) = (categoryNames, categoryNumbers)
        table.reserve(rows: rows.count, bytes: used)
        for var row in rows {
            row.path = withText(row.path) { table.add($0) }
            row.text = withText(row.text) { table.add($0) }
            let start = table.categoryIDs.count
            table.categoryIDs += categoryNumbers(of: row)
            row.categories.start = UInt32(start)
            table.rows.append(row)
        }
        return table
    }

    /// Sets what reading row `index`'s file gave.
    mutating func set(_ index: Int, kind: Kind, date: Int64 = 0, text: String = "", categories: [String] = [],
                      cacheable: Bool) {
        var text = text
        let numbers = categories.map { number(of: $0) }
        text.withUTF8 { set(index, kind: kind, date: date, text: UnsafeRawBufferPointer($0), categoryNumbers: numbers, cacheable: cacheable) }
    }

    /// ``set(_:kind:date:text:categories:cacheable:)`` with the text as bytes and the categories as numbers.
    mutating func set(_ index: Int, kind: Kind, date: Int64, text: UnsafeRawBufferPointer, categoryNumbers: [Int32],
                      cacheable: Bool) {
        rows[index].text = add(text)
        rows[index].categories = Text(start: UInt32(categoryIDs.count), count: UInt32(categoryNumbers.count))
        categoryIDs += categoryNumbers
        (rows[index].kind, rows[index].date, rows[index].cacheable) = (kind, date, cacheable)
    }

    /// The number of the category `name`, given it if it has none yet.
    mutating func number(of name: String) -> Int32 {
        if let number = categoryNumbers[name] { return number }
        let number = Int32(categoryNames.count)
        categoryNames.append(name)
        categoryNumbers[name] = number
        return number
    }

    /// An index of the rows by path.
    func pathIndex() -> RowIndex {
        var index = RowIndex(capacity: rows.count)
        bytes.withUnsafeBytes { bytes in
            func path(_ row: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[rows[row].path.range]) }
            for row in rows.indices { _ = index.insert(row, key: path(row), keyOf: path) }
        }
        return index
    }

    /// The row whose path is `path`, found with `index` (from ``pathIndex()``).
    func row(path: UnsafeRawBufferPointer, in index: RowIndex) -> Int? {
        bytes.withUnsafeBytes { bytes in
            index.find(path) { UnsafeRawBufferPointer(rebasing: bytes[rows[$0].path.range]) }
        }
    }

    private mutating func add(_ text: UnsafeRawBufferPointer) -> Text {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return Text(start: UInt32(start), count: UInt32(text.count))
    }
}
