import Foundation
import FeedModel

/// Reads the date forms Jekyll posts carry: `2022-01-14`, `2022-01-14 01:01:10 +0800`,
/// `2022-01-19T01:01:10Z`, `2022-01-14 01:01 +08:00`, optional fractions. A date without an
/// offset is a time in the site's zone, as Jekyll reads it.
enum JekyllDate {
    static func parse(_ text: String, timeZone: TimeZone) -> Instant? {
        var scanner = DigitScanner(text.trimmingSpaces())
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(maxDigits: 2), scanner.skip("-"),
              let day = scanner.number(maxDigits: 2) else { return nil }
        var civil = CivilTime(year: year, month: month, day: day)
        if scanner.skip("T") || scanner.skip("t") || scanner.skipSpaces() {
            guard let hour = scanner.number(maxDigits: 2), scanner.skip(":"),
                  let minute = scanner.number(maxDigits: 2) else { return scanner.atEnd ? timeZone.instant(of: civil) : nil }
            civil.hour = hour
            civil.minute = minute
            if scanner.skip(":") {
                guard let second = scanner.number(maxDigits: 2) else { return nil }
                civil.second = second
                if scanner.skip(".") || scanner.skip(",") { _ = scanner.number(maxDigits: 9) }
            }
        }
        _ = scanner.skipSpaces()
        if scanner.atEnd { return timeZone.instant(of: civil) }
        guard let offset = scanner.zoneOffset(), scanner.atEnd else { return nil }
        civil.offset = offset
        return civil.instant
    }
}

/// A cursor over ASCII digits and punctuation.
struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ literal: Character) -> Bool {
        guard position < bytes.count, let ascii = literal.asciiValue, bytes[position] == ascii else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return position > start
    }

    mutating func number(digits: Int) -> Int? {
        let start = position
        guard let value = number(maxDigits: digits), position - start == digits else {
            position = start
            return nil
        }
        return value
    }

    mutating func number(maxDigits: Int) -> Int? {
        var value = 0
        let start = position
        while position < bytes.count, position - start < maxDigits, (0x30...0x39).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
        }
        return position > start ? value : nil
    }

    /// `Z`, `UTC`, `GMT`, `+08`, `+0800`, `+08:00`.
    mutating func zoneOffset() -> Int? {
        for name in ["Z", "z", "UTC", "GMT"] where remaining == name {
            position = bytes.count
            return 0
        }
        guard position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D else { return nil }
        let sign = bytes[position] == 0x2D ? -1 : 1
        position += 1
        guard let hours = number(digits: 2) else { return nil }
        _ = skip(":")
        let minutes = number(digits: 2) ?? 0
        guard hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    private var remaining: String { String(decoding: bytes[position...], as: UTF8.self) }
}
