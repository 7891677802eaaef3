import FeedModel

/// The two date forms feeds use, computed from the civil calendar (no formatter, no locale).
enum DateFormats {
    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 822 as RSS uses it, with a four-digit year: `Fri, 14 Jan 2022 01:01:10 +0800`.
    static func rfc822(_ instant: Instant, offset: Int) -> String {
        let t = CivilTime(instant, offset: offset)
        return "\(days[t.weekday]), \(two(t.day)) \(months[t.month - 1]) \(four(t.year)) "
            + "\(two(t.hour)):\(two(t.minute)):\(two(t.second)) \(zone(offset, colon: false))"
    }

    /// RFC 3339: `2022-01-14T01:01:10+08:00`.
    static func rfc3339(_ instant: Instant, offset: Int) -> String {
        let t = CivilTime(instant, offset: offset)
        let zone = offset == 0 ? "Z" : zone(offset, colon: true)
        return "\(four(t.year))-\(two(t.month))-\(two(t.day))T\(two(t.hour)):\(two(t.minute)):\(two(t.second))\(zone)"
    }

    static func zone(_ offset: Int, colon: Bool) -> String {
        let minutes = abs(offset) / 60
        return (offset < 0 ? "-" : "+") + two(minutes / 60) + (colon ? ":" : "") + two(minutes % 60)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    static func four(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
