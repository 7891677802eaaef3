import Foundation
import FeedModel
import Posts
import Testing
@testable import Feedsmith

/// The post cache's flat table keeps every text and category of a row through sharing,
/// compacting, saving and loading; a damaged file gives no records.
@Suite struct PostTableTests {
    static func table(_ posts: [(path: String, url: String, categories: [String])]) -> PostTable {
        var table = PostTable()
        for (index, post) in posts.enumerated() {
            var path = post.path
            let row = path.withUTF8 {
                table.append(path: UnsafeRawBufferPointer($0), stamp: FileStamp(size: Int64(index), modified: 1, changed: 2, inode: 3),
                             kind: .unread)
            }
            table.set(row, kind: .post, date: 1_640_000_000 + Int64(index), text: post.url, categories: post.categories, cacheable: true)
        }
        return table
    }

    static func texts(_ table: PostTable) -> [String] {
        table.rows.map { "\(table.string($0.path)) \(table.string($0.text)) \(table.categories(of: $0)) \($0.date) \($0.kind)" }
    }

    static let posts = [
        ("_posts/2022-01-14-a.md", "https://example.org/a", ["财经", "bank"]),
        ("finance/_posts/2022-01-15-b.md", "https://example.org/b", ["finance"]),
        ("_posts/2022-01-16-c.md", "https://example.org/c", []),
    ]

    @Test func sharedRowsKeepTheirTextsThroughCompaction() {
        // Rows of files since gone leave their texts in the shared bytes.
        let gone = (0..<8).map { ("_posts/2021-01-0\($0)-gone.md", "https://example.org/gone/\($0)", ["gone"]) }
        let old = Self.table(Self.posts + gone)
        var new = PostTable(sharingTextsOf: old)
        new.append(old.rows[2])
        new.append(old.rows[0])
        var path = "_posts/2022-02-01-d.md"
        let row = path.withUTF8 { new.append(path: UnsafeRawBufferPointer($0), stamp: FileStamp(size: 9, modified: 9, changed: 9, inode: 9), kind: .unread) }
        new.set(row, kind: .failed, text: "_posts/2022-02-01-d.md:2: error: bad", cacheable: true)
        let expected = [Self.texts(old)[2], Self.texts(old)[0], "_posts/2022-02-01-d.md _posts/2022-02-01-d.md:2: error: bad [] 0 failed"]
        #expect(Self.texts(new) == expected)
        let compacted = new.compacted(slack: 0)
        #expect(Self.texts(compacted) == expected)
        #expect(compacted.bytes.count < new.bytes.count)
        #expect(compacted.categoryIDs.count == 2)
        #expect(compacted.bytes.count == compacted.rows.reduce(0) { $0 + Int($1.path.count) + Int($1.text.count) })
    }

    @Test func rowsHaveNoPaddingToSave() {
        // Rows are saved as they lie in memory: every byte of one must be a field.
        #expect(MemoryLayout<PostTable.Row>.size == MemoryLayout<PostTable.Row>.stride)
    }

    @Test func savedAndLoadedWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("post-table-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(PostCache.fileName).path
        let key = ContentDigest(hashing: Array("key".utf8))
        var cache = PostCache(key: key)
        cache.records = Self.table(Self.posts)
        cache.outputs["rss.xml"] = PostCache.Output(inputs: ContentDigest(hashing: [1]), stamp: FileStamp(size: 1, modified: 2, changed: 3, inode: 4))
        cache.snapshot = PostCache.Snapshot(listing: [1, 2, 3], nextDue: 99, lastPublished: 9, posts: 3, warnings: ["w"], errors: ["e"])
        try cache.save(path)

        var loaded = PostCache.loadHeader(path, key: key)
        #expect(loaded.outputs == cache.outputs)
        #expect(loaded.snapshot == cache.snapshot)
        #expect(loaded.records.rows.isEmpty)
        loaded.loadRecords(path)
        #expect(Self.texts(loaded.records) == Self.texts(cache.records))
        #expect(PostCache.loadHeader(path, key: ContentDigest(hashing: Array("other".utf8))).snapshot == nil)

        // A byte of the table changed: the header still reads, the records do not, and the
        // outputs and snapshot that went with them are dropped.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[40] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        var damaged = PostCache.loadHeader(path, key: key)
        #expect(damaged.snapshot == cache.snapshot)
        damaged.loadRecords(path)
        #expect(damaged.records.rows.isEmpty && damaged.outputs.isEmpty && damaged.snapshot == nil)

        // Cut short: nothing reads.
        try bytes.prefix(bytes.count - 1).write(to: URL(fileURLWithPath: path))
        #expect(PostCache.loadHeader(path, key: key).snapshot == nil)
    }
}
