import Foundation

/// Why a post file could not be published, and where.
public struct PostError: Error, LocalizedError, Sendable, Equatable {
    /// The file as the user names it (relative to the site folder).
    public var path: String
    /// 1-based line in the file, when known.
    public var line: Int?
    public var reason: String

    public init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `path:line: error: reason`, the form compilers use, so editors can jump to it.
    public var errorDescription: String? {
        if let line { return "\(path):\(line): error: \(reason)" }
        return "\(path): error: \(reason)"
    }
}
