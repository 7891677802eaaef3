import Foundation

/// The byte arrays that carry items' waiting text (``ItemDraft/pendingText``) from the
/// reading thread to the item thread of a large feed, handed back for the next items once
/// emptied. An array made for each item was allocated on one thread and freed on the other,
/// which kept malloc on its slow path: 8% of the reading thread (`perf record` of `feedsmith
/// parse` on Benchmarks/parse.py's RSS feed).
///
/// Each side keeps its own list and meets the other under a lock once every `group` arrays.
/// At most `kept` arrays wait, and an array much larger than what it carried is let go, so
/// the arrays in use stay near the size of the items read lately.
final class ItemTextBuffers: @unchecked Sendable {
    private let lock = NSLock()
    /// Arrays handed back and not yet taken (under `lock`).
    private var shared: [[UInt8]] = []
    /// The reading thread's: arrays it can fill.
    private var ready: [[UInt8]] = []
    /// The item thread's: emptied arrays not yet handed back.
    private var returned: [[UInt8]] = []
    private let group = 64
    private let kept = 1024
    private let largest = 64 << 10

    /// On the reading thread: an empty array with at least `capacity` bytes of room, one
    /// handed back where one is ready.
    func take(capacity: Int) -> [UInt8] {
        if ready.isEmpty {
            lock.lock()
            swap(&ready, &shared)
            lock.unlock()
        }
        var buffer = ready.popLast() ?? []
        buffer.reserveCapacity(capacity)
        return buffer
    }

    /// On the item thread: hands back the array of an item's records. One four times larger
    /// than them (and 4 KiB) is let go: after a run of large items, every small item would
    /// carry a large array.
    func handBack(_ buffer: consuming [UInt8]) {
        guard buffer.capacity > 0, buffer.capacity <= min(largest, 4 * buffer.count + 4096) else { return }
        buffer.removeAll(keepingCapacity: true)
        returned.append(buffer)
        guard returned.count >= group else { return }
        lock.lock()
        if shared.count < kept { shared.append(contentsOf: returned) }
        // Emptied under the lock: an array in both lists is not unique, and the reader
        // would copy it rather than reuse it.
        returned.removeAll(keepingCapacity: true)
        lock.unlock()
    }
}
