import FeedModel
import Foundation
import Posts

/// What the last build read from each post file (what choosing it for a feed needs: its date,
/// canonical URL and categories, or its error), keyed by path and the file's stamp, and what each output file was rendered from. It only ever saves
/// work: a file whose stamp differs in any way is read again, a cache from another
/// configuration or version is ignored, and so is one that is damaged.
///
/// It is a file of its own (`.feedsmith-cache` in the site folder), written beside and renamed
/// into place like the feeds, rather than a table in the article store: a build then never
/// waits on a merge's write lock, and 100,000 records load in one read.
struct PostCache {
    /// What reading a post file gave.
    enum Outcome: Equatable {
        /// Published, or dated in the future (the clock is applied after the cache).
        case post(date: Instant, canonicalURL: String, categories: [String])
        case unpublished
        case failed(String)
    }

    /// An output file: the digest of everything it was rendered from, and its stamp after writing.
    struct Output: Equatable {
        var inputs: ContentDigest
        var stamp: FileStamp
    }

    static let fileName = ".feedsmith-cache"
    /// Changes whenever the format or what a record means changes.
    private static let magic = Array("feedsmith post cache 2\n".utf8)

    /// The configuration and version the records were read with.
    var key: ContentDigest
    /// One row per post file (its rows whose ``PostTable/Row/cacheable`` is false are not saved).
    var records = PostTable()
    var outputs: [String: Output] = [:]

    init(key: ContentDigest) {
        self.key = key
    }

    /// The cache at `path` if it was written for `key` and is whole; an empty one otherwise.
    static func load(_ path: String, key: ContentDigest) -> PostCache {
        guard let data = FileManager.default.contents(atPath: path) else { return PostCache(key: key) }
        let cache = data.withUnsafeBytes { raw -> PostCache? in
            guard raw.count >= magic.count + 8, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[magic.count..<raw.count - 8])
            var trailer = CacheReader(UnsafeRawBufferPointer(rebasing: raw[(raw.count - 8)...]))
            guard let checksum = try? trailer.int(), checksum == PostCache.checksum(body) else { return nil }
            var reader = CacheReader(body)
            return try? PostCache.decode(&reader, key: key)
        }
        return cache ?? PostCache(key: key)
    }

    /// Writes the cache beside `path` and renames it into place, so a reader (or a killed
    /// build) never sees half of it.
    func save(_ path: String) throws(POSIXError) {
        var writer = CacheWriter()
        writer.reserve(PostCache.magic.count + 4_096 + records.bytes.count + 4 * records.categoryIDs.count
                       + MemoryLayout<PostTable.Row>.stride * records.rows.count + 128 * outputs.count)
        writer.raw(PostCache.magic)
        encode(&writer)
        let checksum = writer.bytes.withUnsafeBytes { PostCache.checksum(UnsafeRawBufferPointer(rebasing: $0[PostCache.magic.count...])) }
        writer.int(checksum)
        let bytes = writer.bytes
        // Not forced to disk: a cache torn by a power cut fails its checksum and is ignored.
        try AtomicFile.write(bytes, to: path, durable: false)
    }
}

private extension PostCache {
    /// A word-at-a-time hash: enough to tell a whole file from a truncated or damaged one.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x100_0000_01B3
            hash ^= hash >> 29
            index += 8
        }
        while index < bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01B3
            index += 1
        }
        return Int64(bitPattern: hash)
    }

    func encode(_ writer: inout CacheWriter) {
        writer.int(Int64(bitPattern: key.high))
        writer.int(Int64(bitPattern: key.low))
        writer.ints(PostTable.Row.layout)
        writer.strings(records.categoryNames)
        // The table's arrays as they lie in memory (in the listing's order: nothing reads the
        // file in order); a few microseconds a row was a fifth of a run that added one post.
        var rows = records.rows
        if rows.contains(where: { !$0.cacheable || $0.kind.rawValue > PostTable.Kind.failed.rawValue }) {
            rows.removeAll { !$0.cacheable || $0.kind.rawValue > PostTable.Kind.failed.rawValue }
        }
        writer.block(rows)
        writer.block(records.categoryIDs)
        writer.block(records.bytes)
        writer.int(outputs.count)
        for (path, output) in outputs.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.int(Int64(bitPattern: output.inputs.high))
            writer.int(Int64(bitPattern: output.inputs.low))
            PostCache.encode(output.stamp, &writer)
        }
    }

    static func decode(_ reader: inout CacheReader, key: ContentDigest) throws -> PostCache? {
        let written = ContentDigest(high: UInt64(bitPattern: try reader.int()), low: UInt64(bitPattern: try reader.int()))
        guard written == key else { return nil }
        var cache = PostCache(key: key)
        guard try reader.ints() == PostTable.Row.layout else { return nil }
        let names = try reader.strings()
        let rows: [PostTable.Row] = try reader.block()
        let categoryIDs: [Int32] = try reader.block()
        let bytes: [UInt8] = try reader.block()
        guard let records = PostTable(rows: rows, bytes: bytes, categoryIDs: categoryIDs, categoryNames: names) else { return nil }
        cache.records = records
        for _ in 0..<(try reader.count()) {
            let path = try reader.string()
            let inputs = ContentDigest(high: UInt64(bitPattern: try reader.int()), low: UInt64(bitPattern: try reader.int()))
            cache.outputs[path] = Output(inputs: inputs, stamp: try decodeStamp(&reader))
        }
        return reader.isAtEnd ? cache : nil
    }

    static func encode(_ stamp: FileStamp, _ writer: inout CacheWriter) {
        writer.int(stamp.size)
        writer.int(stamp.modified)
        writer.int(stamp.changed)
        writer.int(Int64(bitPattern: stamp.inode))
    }

    static func decodeStamp(_ reader: inout CacheReader) throws -> FileStamp {
        FileStamp(size: try reader.int(), modified: try reader.int(), changed: try reader.int(),
                  inode: UInt64(bitPattern: try reader.int()))
    }
}
