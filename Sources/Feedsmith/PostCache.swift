import FeedModel
import Foundation
import Posts

/// What the last build read from each post file (what choosing it for a feed needs: its date,
/// canonical URL and categories, or its error), keyed by path and the file's stamp; what each
/// output file was rendered from; and, after a build that left everything settled, a
/// ``Snapshot`` of its inputs. It only ever saves work: a file whose stamp differs in any way
/// is read again, a cache from another configuration or version is ignored, and so is one
/// that is damaged.
///
/// It is a file of its own (`.feedsmith-cache` in the site folder), written beside and renamed
/// into place like the feeds (or its header alone rewritten in place, ``save(_:records:)``),
/// rather than a table in the article store: a build then never waits on a merge's write lock.
/// The file is two parts, each with its checksum: a small header (key, outputs, snapshot),
/// then the table; a build whose inputs match the snapshot reads the header only.
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
    private static let magic = Array("feedsmith post cache 4\n".utf8)

    /// The configuration and version the records were read with.
    var key: ContentDigest
    /// One row per post file (its rows whose ``PostTable/Row/cacheable`` is false are not saved).
    var records = PostTable()
    var outputs: [String: Output] = [:]
    var snapshot: Snapshot?
    /// Where the table lies in the file the header was loaded from.
    private var table: (offset: Int, length: Int)?
    /// Whether ``loadRecords(_:)`` has read them.
    private var recordsRead = false

    init(key: ContentDigest) {
        self.key = key
    }

    /// The header of the cache at `path` if it was written for `key` and the file is whole
    /// (its length as written, the header's checksum right); an empty cache otherwise. The
    /// records come with ``loadRecords(_:)``.
    static func loadHeader(_ path: String, key: ContentDigest) -> PostCache {
        let empty = PostCache(key: key)
        guard let file = CacheFile(path: path), let size = file.size, size >= magic.count + 32,
              let start = file.read(at: 0, count: magic.count + 8), start.starts(with: magic),
              let end = file.read(at: size - 8, count: 8)
        else { return empty }
        let tableLength = Int(start.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: magic.count, as: Int64.self) })
        let headerLength = Int(end.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) })
        let tableOffset = magic.count + 8
        guard tableLength >= 8, headerLength >= 0, tableLength <= size, headerLength <= size,
              tableOffset + tableLength + headerLength + 16 == size,
              let header = file.read(at: tableOffset + tableLength, count: headerLength + 8)
        else { return empty }
        let cache = header.withUnsafeBytes { raw -> PostCache? in
            let body = UnsafeRawBufferPointer(rebasing: raw[..<headerLength])
            guard raw.loadUnaligned(fromByteOffset: headerLength, as: Int64.self) == checksum(body) else { return nil }
            var reader = CacheReader(body)
            guard var cache = try? decodeHeader(&reader, key: key), reader.isAtEnd else { return nil }
            cache.table = (tableOffset, tableLength)
            return cache
        }
        return cache ?? empty
    }

    /// Reads the records from the file the header came from; none if it has none, or if they
    /// are damaged (then the outputs and snapshot are dropped too: they went with them).
    mutating func loadRecords(_ path: String) {
        guard let (offset, length) = table, !recordsRead else { return }
        recordsRead = true
        guard let file = CacheFile(path: path), let bytes = file.read(at: offset, count: length),
              let records = bytes.withUnsafeBytes({ raw -> PostTable? in
                  let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])
                  guard raw.loadUnaligned(fromByteOffset: raw.count - 8, as: Int64.self) == PostCache.checksum(body) else { return nil }
                  var reader = CacheReader(body)
                  guard let records = try? PostCache.decodeTable(&reader), reader.isAtEnd else { return nil }
                  return records
              })
        else {
            self = PostCache(key: key)
            return
        }
        self.records = records
    }

    /// Writes the cache beside `path` and renames it into place, so a reader (or a killed
    /// build) never sees half of it. The file: magic, the table's length, the table and its
    /// checksum, the header and its checksum, the header's length.
    ///
    /// Without `records`, only the header is written again, in place in the file the cache was
    /// loaded from when that can be done (its records then stay as they were: a file they
    /// miss or describe otherwise is read again, which costs less than rewriting 100,000 of
    /// them). A build killed meanwhile leaves a file whose lengths or checksum are wrong,
    /// which is ignored like a damaged one.
    func save(_ path: String, records saveRecords: Bool = true) throws(POSIXError) {
        if !saveRecords, let (offset, length) = table, saveHeader(path, after: offset + length) { return }
        var writer = CacheWriter()
        writer.reserve(PostCache.magic.count + 8_192 + 128 * outputs.count + records.bytes.count
                       + 4 * records.categoryIDs.count + MemoryLayout<PostTable.Row>.stride * records.rows.count)
        writer.raw(PostCache.magic)
        let lengthOffset = writer.bytes.count
        writer.int(0)
        let tableStart = writer.bytes.count
        encodeTable(&writer)
        writer.int(writer.bytes.withUnsafeBytes { PostCache.checksum(UnsafeRawBufferPointer(rebasing: $0[tableStart...])) })
        writer.patch(at: lengthOffset, writer.bytes.count - tableStart)
        encodeHeaderAndTrailer(&writer)
        // Not forced to disk: a cache torn by a power cut fails its checksum and is ignored.
        try AtomicFile.write(writer.bytes, to: path, durable: false)
    }
}

private extension PostCache {
    /// Replaces what follows the records (at `end`) with the header; false when the file
    /// cannot be written (then it is written whole, beside, as a new file).
    func saveHeader(_ path: String, after end: Int) -> Bool {
        var writer = CacheWriter()
        encodeHeaderAndTrailer(&writer)
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) >= end, ftruncate(descriptor, off_t(end)) == 0 else { return false }
        var done = 0
        while done < writer.bytes.count {
            let wrote = writer.bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(end + done)) }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return false }
            done += wrote
        }
        return true
    }

    /// A word-at-a-time hash (``RowIndex/hash(_:)``): enough to tell a whole part of the file
    /// from a truncated or damaged one.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> Int64 {
        Int64(bitPattern: RowIndex.hash(bytes))
    }

    /// The header, its checksum and its length.
    func encodeHeaderAndTrailer(_ writer: inout CacheWriter) {
        let headerStart = writer.bytes.count
        encodeHeader(&writer)
        let headerLength = writer.bytes.count - headerStart
        writer.int(writer.bytes.withUnsafeBytes { PostCache.checksum(UnsafeRawBufferPointer(rebasing: $0[headerStart...])) })
        writer.int(headerLength)
    }

    func encodeHeader(_ writer: inout CacheWriter) {
        writer.int(Int64(bitPattern: key.high))
        writer.int(Int64(bitPattern: key.low))
        writer.int(outputs.count)
        for (path, output) in outputs.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.int(Int64(bitPattern: output.inputs.high))
            writer.int(Int64(bitPattern: output.inputs.low))
            PostCache.encode(output.stamp, &writer)
        }
        if let snapshot {
            writer.int(1)
            snapshot.encode(&writer)
        } else {
            writer.int(0)
        }
    }

    static func decodeHeader(_ reader: inout CacheReader, key: ContentDigest) throws -> PostCache? {
        let written = ContentDigest(high: UInt64(bitPattern: try reader.int()), low: UInt64(bitPattern: try reader.int()))
        guard written == key else { return nil }
        var cache = PostCache(key: key)
        for _ in 0..<(try reader.count()) {
            let path = try reader.string()
            let inputs = ContentDigest(high: UInt64(bitPattern: try reader.int()), low: UInt64(bitPattern: try reader.int()))
            cache.outputs[path] = Output(inputs: inputs, stamp: try decodeStamp(&reader))
        }
        if try reader.int() == 1 { cache.snapshot = try Snapshot(&reader) }
        return cache
    }

    func encodeTable(_ writer: inout CacheWriter) {
        let records = records.compacted()
        writer.ints(PostTable.Row.layout)
        writer.strings(records.categoryNames)
        // The table's arrays as they lie in memory (in the listing's order: nothing reads the
        // file in order); a few microseconds a row was a fifth of a run that added one post.
        func unsaved(_ row: PostTable.Row) -> Bool { !row.cacheable || row.kind.rawValue > PostTable.Kind.failed.rawValue }
        var rows = records.rows
        if rows.contains(where: unsaved) { rows.removeAll(where: unsaved) }
        writer.block(rows)
        writer.block(records.categoryIDs)
        writer.block(records.bytes)
    }

    static func decodeTable(_ reader: inout CacheReader) throws -> PostTable? {
        guard try reader.ints() == PostTable.Row.layout else { return nil }
        let names = try reader.strings()
        let rows: [PostTable.Row] = try reader.block()
        let categoryIDs: [Int32] = try reader.block()
        let bytes: [UInt8] = try reader.block()
        return PostTable(rows: rows, bytes: bytes, categoryIDs: categoryIDs, categoryNames: names)
    }
}

extension PostCache {
    static func encode(_ stamp: FileStamp, _ writer: inout CacheWriter) {
        writer.int(stamp.size)
        writer.int(stamp.modified)
        writer.int(stamp.changed)
        writer.int(Int64(bitPattern: stamp.inode))
    }

    static func decodeStamp(_ reader: inout CacheReader) throws(CacheReader.Truncated) -> FileStamp {
        FileStamp(size: try reader.int(), modified: try reader.int(), changed: try reader.int(),
                  inode: UInt64(bitPattern: try reader.int()))
    }
}

/// The cache file, read in parts with `pread`.
private struct CacheFile: ~Copyable {
    let descriptor: Int32

    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    var size: Int? {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : nil
    }

    /// `count` bytes at `offset`, or nil when the file has fewer.
    func read(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, let size, count <= size - offset else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }

}
