import Foundation

/// A `Retry-After` header: a number of seconds or an HTTP-date (RFC 9110 §10.2.3).
public enum RetryAfter: Sendable, Hashable {
    case seconds(Int)
    case date(Date)

    /// The header's value, or `nil` when it is neither form.
    public init?(header: String) {
        let value = header.trimmingCharacters(in: .whitespaces)
        if !value.isEmpty, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber), let seconds = Int(value) {
            self = .seconds(seconds)
        } else if let date = Self.httpDate(value) {
            self = .date(date)
        } else {
            return nil
        }
    }

    /// Seconds to wait counted from `now` (never negative).
    public func seconds(from now: Date) -> Int {
        switch self {
        case .seconds(let seconds): return max(0, seconds)
        case .date(let date): return max(0, Int(date.timeIntervalSince(now).rounded(.up)))
        }
    }
}

extension RetryAfter: CustomStringConvertible {
    /// `120 seconds`, or the date as an IMF-fixdate.
    public var description: String {
        switch self {
        case .seconds(1): return "1 second"
        case .seconds(let seconds): return "\(seconds) seconds"
        case .date(let date): return Self.formatter(Self.formats[0]).string(from: date)
        }
    }
}

private extension RetryAfter {
    /// IMF-fixdate, then the obsolete RFC 850 and asctime forms that recipients must accept.
    static let formats = ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"]

    static func httpDate(_ text: String) -> Date? {
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return formats.lazy.compactMap { formatter($0).date(from: collapsed) }.first
    }

    static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = format
        return formatter
    }
}
