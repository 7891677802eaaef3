import FeedModel

/// The two forms nearly every feed writes, read straight from their bytes before the general
/// readers run: `Wed, 07 Aug 2024 00:09:19 +0800` (RFC 822 as RSS writes it) and
/// `2021-02-06T04:48:35+08:00` (RFC 3339 as Atom writes it). Any other shape returns nil and
/// goes to ``FeedDate/parse(_:timeZone:)``'s forms, which give the same instant for these.
extension FeedDate {
    static func fast(_ text: String) -> Instant? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Instant? in
            switch bytes.count {
            case 31: return rfc822Numeric(bytes)
            case 20, 25: return rfc3339(bytes)
            default: return nil
            }
        } ?? nil
    }

    /// `Www, DD Mmm YYYY HH:MM:SS +HHMM`.
    private static func rfc822Numeric(_ b: UnsafeBufferPointer<UInt8>) -> Instant? {
        guard b[3] == 0x2C, b[4] == 0x20, b[7] == 0x20, b[11] == 0x20, b[16] == 0x20, b[19] == 0x3A,
              b[22] == 0x3A, b[25] == 0x20, b[26] == 0x2B || b[26] == 0x2D,
              packedWeekdays.contains(packed(b, 0)), let month = packedMonths.firstIndex(of: packed(b, 8)),
              let day = digits(b, 5, 2), let year = digits(b, 12, 4), let hour = digits(b, 17, 2),
              let minute = digits(b, 20, 2), let second = digits(b, 23, 2), let zone = digits(b, 27, 4),
              zone / 100 < 24, zone % 100 < 60 else { return nil }
        let offset = (b[26] == 0x2D ? -1 : 1) * ((zone / 100) * 3600 + (zone % 100) * 60)
        return CivilTime(year: year, month: month + 1, day: day, hour: hour, minute: minute,
                         second: second, offset: offset).instant
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS±HH:MM`.
    private static func rfc3339(_ b: UnsafeBufferPointer<UInt8>) -> Instant? {
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] | 0x20 == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
              let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2)
        else { return nil }
        var offset = 0
        if b.count == 20 {
            guard b[19] | 0x20 == 0x7A else { return nil }
        } else {
            guard b[19] == 0x2B || b[19] == 0x2D, b[22] == 0x3A, let hours = digits(b, 20, 2),
                  let minutes = digits(b, 23, 2), hours < 24, minutes < 60 else { return nil }
            offset = (b[19] == 0x2D ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute,
                         second: second, offset: offset).instant
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(b[index]) - 0x30
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Three bytes from `start`, letters lower-cased, as one number (`Wed` is 0x776564); only
    /// letters become letters under `| 0x20`, so it equals a name's number only for that name.
    /// (Strings here were two allocations per item.)
    private static func packed(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32 {
        UInt32(b[start] | 0x20) << 16 | UInt32(b[start + 1] | 0x20) << 8 | UInt32(b[start + 2] | 0x20)
    }

    private static func packed(_ name: String) -> UInt32 {
        Array(name.utf8).withUnsafeBufferPointer { packed($0, 0) }
    }

    private static let packedWeekdays = weekdays.map(packed)
    private static let packedMonths = months.map(packed)
}
