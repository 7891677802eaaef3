import FeedModel
import Posts

extension PostCache {
    /// What a build that finds every input as the last build left it needs, to say so without
    /// planning: the posts folders' files with their stamps (as a digest), when the next post
    /// dated in the future falls due, and what the build said about the posts. Taken only after
    /// a build with no file changed in its last two seconds, every output written or current,
    /// no article store and no archives (their inputs are not in the digest).
    struct Snapshot: Equatable {
        /// ``digest(of:)`` of the listing.
        var listing: [UInt64]
        /// The earliest date of a post not published yet for its date (`Int64.max`: none), and
        /// the latest of a published one (`Int64.min`: none): the clock must stay between them.
        var nextDue: Int64
        var lastPublished: Int64
        /// The post files (given from the cache by an unchanged build).
        var posts: Int
        var warnings: [String]
        var errors: [String]

        /// Every file of the posts folders with its stamp, in any order, and their number: two
        /// sums of a 64-bit hash of each path and stamp (two different mixes), so a change to any
        /// path or stamp changes both sums unless two hashes collide (1 in 2^128 for one change).
        static func digest(of listing: PostListing) -> [UInt64] {
            var (first, second): (UInt64, UInt64) = (0, 0)
            listing.pathBytes.withUnsafeBytes { paths in
                for file in listing.files {
                    let path = RowIndex.hash(UnsafeRawBufferPointer(rebasing: paths[file.path]))
                    var (a, b) = (path, ~path)
                    func add(_ value: UInt64) {
                        a = mix(a ^ value)
                        b = mix(b &+ value &* 0x9E37_79B9_7F4A_7C15)
                    }
                    add(UInt64(bitPattern: file.stamp.size))
                    add(UInt64(bitPattern: file.stamp.modified))
                    add(UInt64(bitPattern: file.stamp.changed))
                    add(file.stamp.inode)
                    first &+= a
                    second &+= mix(b ^ 0x5851_F42D_4C95_7F2D)
                }
            }
            return [first, second, UInt64(listing.files.count)]
        }

        /// A 64-bit finaliser (MurmurHash3's).
        static func mix(_ value: UInt64) -> UInt64 {
            var value = value
            value ^= value >> 33
            value &*= 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 33
            value &*= 0xC4CE_B9FE_1A85_EC53
            return value ^ (value >> 33)
        }

        init(listing: [UInt64], nextDue: Int64, lastPublished: Int64, posts: Int, warnings: [String], errors: [String]) {
            (self.listing, self.nextDue, self.lastPublished) = (listing, nextDue, lastPublished)
            (self.posts, self.warnings, self.errors) = (posts, warnings, errors)
        }

        /// Whether the posts published at `now` are those published when it was taken.
        func holds(at now: Int64) -> Bool { lastPublished <= now && now < nextDue }

        init(_ reader: inout CacheReader) throws(CacheReader.Truncated) {
            listing = try reader.ints().map { UInt64(bitPattern: Int64($0)) }
            nextDue = try reader.int()
            lastPublished = try reader.int()
            posts = Int(try reader.int())
            warnings = try reader.strings()
            errors = try reader.strings()
        }

        func encode(_ writer: inout CacheWriter) {
            writer.ints(listing.map { Int(Int64(bitPattern: $0)) })
            writer.int(nextDue)
            writer.int(lastPublished)
            writer.int(posts)
            writer.strings(warnings)
            writer.strings(errors)
        }
    }
}
