import Foundation

/// The files a request may reach: regular files under the root, by a path whose every segment
/// is a plain name. `..`, `.` and hidden names (encoded or not), NUL and backslashes are
/// refused, and the resolved path (symbolic links followed) must still be under the root; a
/// folder answers with its `index.html` or not at all.
struct OutputFiles: Sendable {
    let root: URL

    /// A file found for a request.
    struct File {
        var path: String
        var bytes: [UInt8]
        /// Seconds since 1970 of its last modification.
        var modified: Int
    }

    /// The file `requestPath` (as sent, percent-encoded) names, or nil.
    func file(for requestPath: String) -> File? {
        guard let segments = Self.segments(of: requestPath) else { return nil }
        let rootPath = (root.path as NSString).resolvingSymlinksInPath
        var path = ([rootPath] + segments).joined(separator: "/")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue { path += "/index.html" }
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        let resolved = String(cString: real)
        guard resolved.hasPrefix(rootPath + "/") else { return nil }
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let data = FileManager.default.contents(atPath: resolved) else { return nil }
        return File(path: resolved, bytes: [UInt8](data), modified: Int(info.st_mtim.tv_sec))
    }

    /// The decoded segments of a request path, or nil when any is not a plain file name.
    static func segments(of requestPath: String) -> [String]? {
        guard requestPath.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in requestPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = String(raw).removingPercentEncoding else { return nil }
            if segment.isEmpty { continue }
            guard !segment.hasPrefix("."), !segment.contains("/"), !segment.contains("\\"),
                  !segment.contains("\0") else { return nil }
            segments.append(segment)
        }
        return segments
    }
}
