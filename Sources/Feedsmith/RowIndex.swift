import Foundation

/// A hash set of table rows keyed by some bytes of each (a path, a canonical URL), open
/// addressing over one array: finding 100,000 posts' paths and URLs makes no `String`.
struct RowIndex {
    /// `hash << 32 | row` per slot (the hash's high half), `empty` when unused.
    private var slots: [UInt64]
    private let mask: Int
    private static let empty = UInt64.max

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
    }

    /// The row already kept under `key`, or nil after keeping `row` under it; `keyOf` gives a
    /// kept row's key.
    mutating func insert(_ row: Int, key: UnsafeRawBufferPointer, keyOf: (Int) -> UnsafeRawBufferPointer) -> Int? {
        let (slot, hash, kept) = probe(key, keyOf: keyOf)
        if kept == nil { slots[slot] = (hash >> 32) << 32 | UInt64(row) }
        return kept
    }

    /// The row kept under `key`.
    func find(_ key: UnsafeRawBufferPointer, keyOf: (Int) -> UnsafeRawBufferPointer) -> Int? {
        probe(key, keyOf: keyOf).kept
    }

    /// The slot holding `key`'s row (`kept`), or the empty slot where it would go.
    private func probe(_ key: UnsafeRawBufferPointer, keyOf: (Int) -> UnsafeRawBufferPointer) -> (slot: Int, hash: UInt64, kept: Int?) {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != Self.empty {
            let kept = Int(slots[slot] & 0xFFFF_FFFF)
            if slots[slot] >> 32 == hash >> 32, Self.same(keyOf(kept), key) { return (slot, hash, kept) }
            slot = (slot + 1) & mask
        }
        return (slot, hash, nil)
    }

    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// A word-at-a-time hash, mixed at the end so that keys sharing long prefixes
    /// (`_posts/2024-…`) spread over the slots.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
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
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }
}
