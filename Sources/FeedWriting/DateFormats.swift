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
        guard (0...9999).contains(t.year) else {
            let zone = offset == 0 ? "Z" : zone(offset, colon: true)
            return "\(four(t.year))-\(two(t.month))-\(two(t.day))T\(two(t.hour)):\(two(t.minute)):\(two(t.second))\(zone)"
        }
        return String(unsafeUninitializedCapacity: 25) { rfc3339(t, offset: offset, into: $0) }
    }

    /// RFC 3339 appended as UTF-8 bytes: the JSON writer's dates, with no string made.
    static func appendRFC3339(_ instant: Instant, offset: Int, to out: inout [UInt8]) {
        let t = CivilTime(instant, offset: offset)
        guard (0...9999).contains(t.year) else {
            out += rfc3339(instant, offset: offset).utf8
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 25) { buffer in
            let count = rfc3339(t, offset: offset, into: buffer)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Writes a four-digit year's RFC 3339 form into `buffer` (25 bytes); returns its length.
    /// Digits into a fixed buffer: this runs for every date of every item written.
    private static func rfc3339(_ t: CivilTime, offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var index = 0
        func put(_ value: Int, _ digits: Int) {
            var divisor = digits == 4 ? 1000 : 10
            while divisor > 0 {
                buffer[index] = UInt8(ascii: "0") + UInt8(value / divisor % 10)
                index += 1
                divisor /= 10
            }
        }
        func put(_ byte: UInt8) { buffer[index] = byte; index += 1 }
        put(t.year, 4); put(0x2D); put(t.month, 2); put(0x2D); put(t.day, 2); put(0x54)
        put(t.hour, 2); put(0x3A); put(t.minute, 2); put(0x3A); put(t.second, 2)
        if offset == 0 {
            put(0x5A)
        } else {
            let minutes = abs(offset) / 60
            put(offset < 0 ? 0x2D : 0x2B); put(minutes / 60, 2); put(0x3A); put(minutes % 60, 2)
        }
        return index
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
