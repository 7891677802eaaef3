import Foundation

/// A feed that could not be read at all, with where and why: `url:line: error: reason`.
public struct FeedParseError: Error, LocalizedError, Sendable, Hashable {
    /// The feed's URL or path, or `<feed>` when the caller gave none.
    public var location: String
    /// The line of the document the problem was found on, when known.
    public var line: Int?
    /// What is wrong, in words a feed's publisher would understand.
    public var reason: String

    /// An error at `location` (and `line`) for `reason`.
    public init(location: String?, line: Int? = nil, reason: String) {
        self.location = location ?? "<feed>"
        self.line = line
        self.reason = reason
    }

    public var errorDescription: String? {
        let place = line.map { "\(location):\($0)" } ?? location
        return "\(place): error: \(reason)"
    }
}

extension FeedParseError: CustomStringConvertible {
    public var description: String { errorDescription ?? reason }
}
