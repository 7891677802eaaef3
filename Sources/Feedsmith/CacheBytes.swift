/// The post cache's byte format: little-endian integers, length-prefixed UTF-8 strings. A
/// reader that runs past the end or finds a bad length throws, and the cache is ignored.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func ints(_ values: [Int]) {
        int(values.count)
        for value in values { int(value) }
    }

    /// An array of plain values (every bit pattern one) as it lies in memory, after its count.
    mutating func block<Element: BitwiseCopyable>(_ values: [Element]) {
        int(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    /// Overwrites the integer written at `offset`.
    mutating func patch(at offset: Int, _ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.replaceSubrange(offset..<offset + 8, with: $0) }
    }

    /// Bytes as they are, with no count.
    mutating func raw(_ values: [UInt8]) { bytes += values }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }
}

struct CacheReader {
    struct Truncated: Error {}

    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() throws(Truncated) -> Int64 {
        guard bytes.count - offset >= 8 else { throw Truncated() }
        var value: Int64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8])) }
        offset += 8
        return Int64(littleEndian: value)
    }

    mutating func count() throws(Truncated) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - offset else { throw Truncated() }
        return Int(value)
    }

    mutating func string() throws(Truncated) -> String {
        String(decoding: try rawString(), as: UTF8.self)
    }

    /// A length-prefixed string's bytes, in place.
    mutating func rawString() throws(Truncated) -> UnsafeRawBufferPointer {
        let length = try count()
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
    }

    mutating func ints() throws(Truncated) -> [Int] {
        try (0..<count()).map { _ throws(Truncated) in Int(try int()) }
    }

    /// What ``CacheWriter/block(_:)`` wrote; only for types of which every bit pattern is a value.
    mutating func block<Element: BitwiseCopyable>() throws(Truncated) -> [Element] {
        let count = try int()
        let size = MemoryLayout<Element>.stride
        guard count >= 0, count <= (bytes.count - offset) / size else { throw Truncated() }
        let values = [Element](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(count) * size]))
            initialized = Int(count)
        }
        offset += Int(count) * size
        return values
    }

    mutating func strings() throws(Truncated) -> [String] {
        let count = try count()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }
}
