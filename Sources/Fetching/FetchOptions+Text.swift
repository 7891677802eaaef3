import Foundation

/// The limits as error messages name them.
extension FetchOptions {
    /// `20 MiB`, or a byte count when the limit is not a whole number of MiB.
    var sizeLimitText: String {
        maxBytes % (1024 * 1024) == 0 ? "\(maxBytes / (1024 * 1024)) MiB" : "\(maxBytes) bytes"
    }

    /// `30 seconds`.
    var totalTimeoutText: String { Self.text(totalTimeout) }

    /// `10 seconds`.
    var connectTimeoutText: String { Self.text(connectTimeout) }

    /// `1 second`, `30 seconds`, `1.5 seconds`.
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return "\(value.formatted(.number.precision(.fractionLength(0...3)).grouping(.never))) seconds"
    }
}
