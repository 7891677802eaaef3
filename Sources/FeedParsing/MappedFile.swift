import Foundation
import Glibc

/// A feed file mapped read-only into memory: nothing is copied, and the parser hands pages
/// back once libxml2 has taken them in (``SAXStream``), so a 60 MB feed costs a few MB of memory.
public enum MappedFile {
    /// The file's bytes as `Data` backed by the mapping (unmapped when the data goes).
    public static func data(at path: String) throws(FeedParseError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FeedParseError(location: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FeedParseError(location: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw FeedParseError(location: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        guard size > 0 else { return Data() }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != MAP_FAILED else {
            throw FeedParseError(location: path, reason: "cannot map the file (\(String(cString: strerror(errno))))")
        }
        madvise(address, size, MADV_SEQUENTIAL)
        return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in
            munmap(pointer, count)
        })
    }
}

/// Hands a file mapping's pages back to the kernel as a scan moves past them, so a pass
/// over a large feed keeps a few MiB of it in memory, not all of it. Clean file pages: the
/// kernel reads them again from its cache if anything touches them later.
struct PageReleaser {
    let bytes: UnsafeRawBufferPointer
    let isEnabled: Bool
    private var released = 0

    init(_ bytes: UnsafeRawBufferPointer, isEnabled: Bool) {
        self.bytes = bytes
        self.isEnabled = isEnabled
    }

    /// The scan is at `offset`: let go of what lies well behind it.
    @inline(__always)
    mutating func passed(_ offset: Int) {
        if isEnabled, offset - released >= 8 << 20 { release(upTo: offset) }
    }

    /// Lets go of every whole page before `offset` (the buffer may start inside a page: a
    /// part of a mapping).
    mutating func release(upTo offset: Int) {
        guard isEnabled, let start = bytes.baseAddress else { return }
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        let base = UInt(bitPattern: start)
        let from = (base + UInt(released) + page - 1) / page * page
        let to = (base + UInt(min(offset, bytes.count))) / page * page
        guard to > from, let pointer = UnsafeMutableRawPointer(bitPattern: from) else { return }
        madvise(pointer, Int(to - from), MADV_DONTNEED)
        released = Int(to - base)
    }
}
