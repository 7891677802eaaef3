import Foundation

/// Writes files under the output folder atomically, and only when their bytes change: an
/// unchanged feed keeps its modification time (and so a web server's ETag), and a reader never
/// fetches half a file, because a changed one is written beside it and renamed into place
/// (``AtomicFile``), its bytes on disk first.
struct OutputFolder {
    let root: URL
    /// How the user names the folder, for errors.
    let displayPath: String

    /// Writes `contents` to `relativePath`; returns whether the file changed.
    func write(_ contents: String, to relativePath: String) throws(SiteError) -> Bool {
        let url = root.appendingPathComponent(relativePath)
        let bytes = Array(contents.utf8)
        if let existing = try? Data(contentsOf: url), existing.elementsEqual(bytes) { return false }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(bytes, to: url.path, durable: true)
        } catch {
            let reason = (error as? POSIXError)?.reason ?? error.localizedDescription
            throw SiteError(path: displayPath + relativePath, reason: "cannot write the file: \(reason)")
        }
        return true
    }

    /// Removes what runs killed while writing left behind.
    func removeLeftovers() {
        AtomicFile.removeLeftovers(in: root.path, recursive: true)
    }
}
