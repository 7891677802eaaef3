import Foundation

/// What `lstat` says about a file, as the post cache compares it: a file whose size, times or
/// inode differ in any way (a modification time that goes backwards too) is read again.
public struct FileStamp: Sendable, Hashable, BitwiseCopyable {
    public var size: Int64
    /// Modification and status-change times, nanoseconds since 1970.
    public var modified: Int64
    public var changed: Int64
    public var inode: UInt64

    public init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    init(_ info: stat) {
        self.init(size: Int64(info.st_size),
                  modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                  changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                  inode: UInt64(info.st_ino))
    }

    /// The stamp of the file at `path`, not following a symbolic link; nil when there is none.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        return lstat(path, &info) == 0 ? FileStamp(info) : nil
    }
}
