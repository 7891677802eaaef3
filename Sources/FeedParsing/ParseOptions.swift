import Foundation

/// Limits and per-source settings for ``FeedParser``.
public struct ParseOptions: Sendable {
    /// Documents larger than this are refused before parsing.
    public var maxBytes: Int
    /// Elements nested deeper than this end the parse with an error.
    public var maxDepth: Int
    /// The source's time zone: read zoneless dates and ambiguous zone names (`CST`) in it.
    public var timeZone: TimeZone
    /// Query parameters dropped from links besides the tracking ones (feeds.yml `strip_params`).
    public var stripParameters: Set<String>

    /// Options with the defaults: 20 MiB, depth 256, UTC, no extra parameters.
    public init(maxBytes: Int = 20 * 1024 * 1024, maxDepth: Int = 256,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                stripParameters: Set<String> = []) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.timeZone = timeZone
        self.stripParameters = stripParameters
    }
}
