import Foundation

/// What keeps overlapping runs on one site from writing the same files at once: an advisory
/// `flock` on `.feedsmith-lock` in the site folder, held while a build reads the posts and the
/// store and writes the feeds and the post cache (`build`, and the build that ends `merge` and
/// `aggregate`), and while `sources import` rewrites feeds.yml. The store needs no more than
/// SQLite's own locking: each source's merge is one transaction, and merges commute. A second
/// run says that it waits, then goes on once the first is done, so no cron run is lost and the
/// outcome is that of one run after the other. The kernel releases the lock when its holder
/// exits, even killed by SIGKILL.
final class SiteLock {
    static let fileName = ".feedsmith-lock"

    /// The open lock file; -1 when the site folder has none (no lock was taken).
    private var descriptor: Int32

    /// Takes the lock of `site`, waiting for as long as another process holds it: `waiting`
    /// hears first who that is. A site folder that cannot hold the lock file is not locked
    /// (then `warning` says so, unless the folder is missing, which feeds.yml reports).
    init(site: URL, command: String, waiting: (String) -> Void) {
        let path = site.appendingPathComponent(SiteLock.fileName).path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        let failure = POSIXError.current
        // A lock file another user made, or a read-only site folder: flock needs no write access.
        if descriptor < 0 && (failure.code == .EACCES || failure.code == .EROFS) {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            warning = failure.code == .ENOENT ? nil
                : "\(path): warning: cannot open the lock file (\(failure.reason)); overlapping runs are not kept apart"
            return
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting("feedsmith: waiting for another feedsmith run on \(site.path) (\(holder()))…")
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
        // Who holds it, for the next run's message.
        let text = Array("pid \(getpid()), feedsmith \(command)\n".utf8)
        ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Why the site is not locked, when it could not be.
    private(set) var warning: String?

    /// Takes the lock on another thread, so waiting holds no thread of Swift's concurrency pool.
    static func taking(site: URL, command: String, waiting: @escaping @Sendable (String) -> Void) async -> SiteLock {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: SiteLock(site: site, command: command, waiting: waiting))
            }
        }
    }

    /// Lets the next run in.
    func release() {
        guard descriptor >= 0 else { return }
        ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

/// Handed from the thread that waited to the run that holds it, then used by that run alone.
extension SiteLock: @unchecked Sendable {}

private extension SiteLock {
    /// What the holder wrote in the lock file: `pid 1234, feedsmith merge`.
    func holder() -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "pid unknown" : text
    }
}
