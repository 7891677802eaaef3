import Foundation

/// Writes files under the output folder atomically, and only when their bytes change: an
/// unchanged feed keeps its modification time (and so a web server's ETag), and a reader never
/// fetches half a file, because a changed one is written beside it and renamed into place.
struct OutputFolder {
    let root: URL
    /// How the user names the folder, for errors.
    let displayPath: String

    /// Writes `contents` to `relativePath`; returns whether the file changed.
    func write(_ contents: String, to relativePath: String) throws(SiteError) -> Bool {
        let url = root.appendingPathComponent(relativePath)
        let bytes = Data(contents.utf8)
        if let existing = try? Data(contentsOf: url), existing == bytes { return false }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: bytes) else {
                throw CocoaError(.fileWriteUnknown)
            }
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SiteError(path: displayPath + relativePath, reason: "cannot write the file: \(error.localizedDescription)")
        }
        return true
    }
}
