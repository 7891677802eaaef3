import Foundation

/// The byte arrays that carry items' waiting text (``ItemDraft/pendingText``) from the
/// reading thread to the item thread of a large feed, handed back for the next items once
/// emptied. An array made for each item was allocated on one thread and freed on the other,
/// which kept malloc on its slow path: 8% of the reading thread.
///
/// Each side keeps its own list and meets the other under a lock once every `group` arrays.
final class ItemTextBuffers: @unchecked Sendable {
    private let lock = NSLock()
    /// Arrays handed back and not yet taken (under `lock`).
    private var shared: [[UInt8]] = []
    /// The reading thread's: arrays it can fill.
    private var ready: [[UInt8]] = []
    /// The item thread's: emptied arrays not yet handed back.
    private var returned: [[UInt8]] = []
    private let group = 64
    /// At most this many arrays wait to be reused, and none above `largest` bytes is kept, so
    /// the pool stays a few hundred kilobytes whatever the feed.
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

    /// On the item thread: hands an emptied array back.
    func handBack(_ buffer: consuming [UInt8]) {
        guard buffer.capacity > 0, buffer.capacity <= largest else { return }
        buffer.removeAll(keepingCapacity: true)
        returned.append(buffer)
        guard returned.count >= group else { return }
        lock.lock()
        if shared.count < kept { shared.append(contentsOf: returned) }
        lock.unlock()
        returned.removeAll(keepingCapacity: true)
    }
}
