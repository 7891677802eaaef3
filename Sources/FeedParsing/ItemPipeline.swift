import Foundation

/// Two stages on two cores for large feeds: the calling thread reads the XML into item drafts
/// while a second thread turns them into articles and hands them on, in order. Batches go
/// through a small bounded queue, so memory stays that of a few hundred items.
final class ItemPipeline: @unchecked Sendable {
    /// The channel goes with the first item only: the consumer needs it once.
    typealias Job = (format: FeedFormatKind, channel: ChannelDraft?, item: ItemDraft)

    private let condition = NSCondition()
    /// Batches of jobs: optional, so the consumer moves each out in place (a pop needs the
    /// batch reversed first, which copies every job).
    private var queue: [[Job?]] = []
    private var closed = false
    private var done = false
    private var batch: [Job?] = []
    private let batchSize = 256
    private let capacity = 8

    /// Called for every job on the consumer thread; dropped there before ``finish()`` returns,
    /// so nothing holds it afterwards (callers pass closures that must not escape).
    /// It takes the job over (`__owned`): a borrowed job was copied whole, every string of
    /// its item retained and released, to hand its item on.
    private var consume: (@Sendable (__owned Job) -> Void)?

    /// Starts the consumer thread, which calls `consume` for every job, in order.
    init(consume: @escaping @Sendable (__owned Job) -> Void) {
        batch.reserveCapacity(batchSize)
        self.consume = consume
        let thread = Thread { [self] in
            while var jobs = self.next() {
                for index in jobs.indices {
                    if let job = jobs[index].take() { self.consume?(job) }
                }
            }
            self.condition.lock()
            self.consume = nil
            self.done = true
            self.condition.broadcast()
            self.condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues one job (from the producing thread); waits while the queue is full.
    func push(_ job: __owned Job) {
        batch.append(job)
        guard batch.count == batchSize else { return }
        flush()
    }

    /// Sends what is queued, lets the consumer finish, and waits for it.
    func finish() {
        flush()
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        // Handed over, not shared: the consumer's in-place moves must find the batch unique.
        var full: [Job?] = []
        full.reserveCapacity(batchSize)
        swap(&full, &batch)
        condition.lock()
        while queue.count >= capacity { condition.wait() }
        queue.append(consume full)
        condition.broadcast()
        condition.unlock()
    }

    private func next() -> [Job?]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !closed { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let jobs = queue.removeFirst()
        condition.broadcast()
        return jobs
    }
}

/// Hands a value to another thread whose access the caller orders by hand (the pipeline's
/// producer waits for the consumer before it touches the value again).
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}
