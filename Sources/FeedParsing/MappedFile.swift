import Foundation
import Glibc

/// A feed file mapped read-only into memory: nothing is copied, and the parser hands pages
/// back as it passes them (``XMLStream``), so a 60 MB feed costs a few MB of memory.
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
