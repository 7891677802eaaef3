/// Eight bytes at a time (SWAR): the byte scans of the parser, the sanitiser and the JSON
/// writer look at a word of eight bytes, loaded little-endian (its first byte is the lowest).
public enum ByteWord {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte`; a byte right after one may be
    /// marked too, so callers check what they find.
    @inlinable @inline(__always)
    public static func marks(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let masked = word ^ (ones &* UInt64(byte))
        return (masked &- ones) & ~masked & highs
    }

    /// The high bit of each byte of `word` below `bound` (at most 0x80); as with ``marks``, a
    /// byte right after one may be marked too.
    @inlinable @inline(__always)
    public static func marksBelow(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }

    /// Whether `body` accepts the offset in the word of every marked byte, first byte first
    /// (it stops at the first it refuses).
    @inlinable @inline(__always)
    public static func allMarked(_ marks: UInt64, _ body: (Int) -> Bool) -> Bool {
        var remaining = marks
        while remaining != 0 {
            guard body(remaining.trailingZeroBitCount / 8) else { return false }
            remaining &= remaining &- 1
        }
        return true
    }
}
