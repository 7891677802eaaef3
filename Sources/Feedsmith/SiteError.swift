/// Feedsmith: the use cases — reading a site's feeds.yml, publishing its feeds.
import Foundation

/// A problem with the site as a whole (feeds.yml, the output folder), and where it is.
public struct SiteError: Error, LocalizedError, Sendable, Equatable {
    public var path: String
    public var line: Int?
    public var reason: String

    public init(path: String, line: Int? = nil, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `path:line: error: reason`.
    public var errorDescription: String? {
        if let line { return "\(path):\(line): error: \(reason)" }
        return "\(path): error: \(reason)"
    }
}
