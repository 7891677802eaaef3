import Foundation
import Synchronization

/// Files replaced whole: written beside their final name under a name no other writer uses
/// (`.NAME.PID.N.tmp`: this process, its Nth file; a name that starts with a dot keeps one), then renamed over it. A reader, an
/// overlapping run or a run killed half-way sees the old file or the new one, never a mix, and
/// two writers never share a temporary file. What a killed run leaves beside the files is
/// removed by the next (``removeLeftovers(in:)``).
enum AtomicFile {
    /// Replaces the file at `path` with `bytes`. With `durable`, the bytes reach the disk before
    /// the rename, so that after a power cut too the file is the old one or the new one.
    static func write(_ bytes: [UInt8], to path: String, durable: Bool) throws(POSIXError) {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent.hasPrefix(".") ? url.lastPathComponent : "." + url.lastPathComponent
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent("\(name).\(getpid()).\(written.add(1, ordering: .relaxed).newValue).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw POSIXError.current }
        // Every byte written, then (when durable) on disk, then closed: else the file goes.
        let complete = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        var failure = complete && (!durable || fsync(descriptor) == 0) ? nil : POSIXError.current
        if close(descriptor) != 0 { failure = failure ?? POSIXError.current }
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let error = POSIXError.current
            unlink(temporary)
            throw error
        }
    }

    /// Removes the temporary files of runs that are gone (killed before their rename) from
    /// `folder`, and from its subfolders with `recursive`. Those of live processes stay: they
    /// may be another site's run writing into a shared folder.
    static func removeLeftovers(in folder: String, recursive: Bool) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let path = folder + "/" + name
            var isFolder = entry.pointee.d_type == DT_DIR
            if entry.pointee.d_type == DT_UNKNOWN {
                var status = stat()
                isFolder = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                if recursive { removeLeftovers(in: path, recursive: true) }
            } else if let writer = writer(ofTemporary: name), kill(writer, 0) != 0 && errno == ESRCH {
                unlink(path)
            }
        }
    }
}

private extension AtomicFile {
    /// Files written by this process so far: the N of the temporary names.
    static let written = Atomic<Int>(0)

    /// The process that wrote the temporary file `name`: `.NAME.PID.N.tmp`, or a name earlier
    /// versions left: `.NAME.PID.tmp` (the post cache), `.dat.nosyncPID.XXXXXX` with the pid in
    /// hex (Foundation's atomic write, which wrote the feeds). Nil for any other name.
    static func writer(ofTemporary name: String) -> pid_t? {
        if name.hasPrefix(".dat.nosync"), let hex = name.dropFirst(11).split(separator: ".").first {
            return pid_t(hex, radix: 16).flatMap { $0 > 0 ? $0 : nil }
        }
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = pid_t(parts[parts.count - 1]) else { return nil }
        let pid = parts.count >= 3 ? pid_t(parts[parts.count - 2]) ?? last : last
        return pid > 0 ? pid : nil
    }
}

extension POSIXError {
    /// The error `errno` names now.
    static var current: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }

    /// The C library's words for it: "No space left on device".
    var reason: String { String(cString: strerror(code.rawValue)) }
}
