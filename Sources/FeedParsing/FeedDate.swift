import FeedModel
import Foundation

/// Reads the dates feeds carry. The strict forms are the specifications (RFC 822/2822 and
/// RFC 3339/W3CDTF); the permissive forms are what real feeds write instead, kept apart in
/// `FeedDate+Permissive.swift` so each leniency is named and tested on its own.
enum FeedDate {
    /// The instant `text` names, or nil when no form reads it. Never the current time.
    static func parse(_ text: String, timeZone: TimeZone) -> Instant? {
        if let instant = fast(text) { return instant }
        for form in strictForms {
            var tokens = DateTokens(text)
            if let instant = form(&tokens, timeZone), tokens.atEnd { return instant }
        }
        let normalized = normalizedSeparators(text)
        for form in permissiveForms {
            var tokens = DateTokens(normalized)
            if let instant = form(&tokens, timeZone), tokens.atEnd { return instant }
        }
        return nil
    }

    typealias Form = @Sendable (inout DateTokens, TimeZone) -> Instant?

    /// The specified forms: RFC 822 as updated by RFC 2822, and W3CDTF (RFC 3339's profile).
    static let strictForms: [Form] = [
        // The zone names `CST` after the source's zone; strict forms read no zoneless time.
        { tokens, zone in rfc822(&tokens, lenient: false, timeZone: zone) },
        { tokens, zone in w3cdtf(&tokens, lenient: false, timeZone: zone) },
    ]
}

extension FeedDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun",
                         "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `[Wdy,] DD Mon YYYY HH:MM[:SS] zone`; lenient adds two-digit years, `+08:00`, a
    /// missing zone (read in `timeZone`) and a missing or misspelt weekday.
    static func rfc822(_ tokens: inout DateTokens, lenient: Bool, timeZone: TimeZone?) -> Instant? {
        if let word = tokens.word() {
            guard lenient || weekdays.contains(word) else { return nil }
            _ = tokens.mark(",")
        }
        guard let day = tokens.number(1...2), let monthWord = tokens.word(),
              let month = months.firstIndex(of: String(monthWord.prefix(3))) else { return nil }
        guard lenient || monthWord.count == 3 else { return nil }
        _ = lenient && tokens.mark(".")
        guard var year = tokens.number(lenient ? 2...4 : 4...4) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }  // RFC 2822 §4.3.
        var civil = CivilTime(year: year, month: month + 1, day: day)
        guard readTime(&tokens, into: &civil, lenient: lenient) else { return nil }
        return zoned(&tokens, civil, lenient: lenient, timeZone: timeZone)
    }

    /// `YYYY[-MM[-DD[THH:MM[:SS[.fff]]zone]]]`; lenient adds a space for `T`, one-digit
    /// fields, `+0800` and a missing zone (read in `timeZone`).
    static func w3cdtf(_ tokens: inout DateTokens, lenient: Bool, timeZone: TimeZone?) -> Instant? {
        guard let year = tokens.number(4...4) else { return nil }
        var civil = CivilTime(year: year, month: 1, day: 1)
        let field = lenient ? 1...2 : 2...2
        guard tokens.mark("-") else { return tokens.atEnd ? zoneless(civil, lenient ? timeZone : nil) : nil }
        guard let month = tokens.number(field) else { return nil }
        civil.month = month
        guard tokens.mark("-") else { return tokens.atEnd ? zoneless(civil, lenient ? timeZone : nil) : nil }
        guard let day = tokens.number(field) else { return nil }
        civil.day = day
        if tokens.atEnd { return zoneless(civil, lenient ? timeZone : nil) }
        guard tokens.word("t") || lenient else { return nil }
        guard readTime(&tokens, into: &civil, lenient: lenient) else { return nil }
        return zoned(&tokens, civil, lenient: lenient, timeZone: timeZone)
    }

    /// `HH:MM[:SS[.fff]]` into `civil`.
    static func readTime(_ tokens: inout DateTokens, into civil: inout CivilTime,
                         lenient: Bool) -> Bool {
        let field = lenient ? 1...2 : 2...2
        guard let hour = tokens.number(field), tokens.mark(":"),
              let minute = tokens.number(2...2) else { return false }
        civil.hour = hour; civil.minute = minute
        if tokens.mark(":") {
            guard let second = tokens.number(2...2) else { return false }
            civil.second = second
            if tokens.mark(".") || tokens.mark(",") {
                guard tokens.number(1...10) != nil else { return false }
                while tokens.number(1...10) != nil {}  // Fractions longer than 10 digits.
            }
        }
        return true
    }

    /// Reads the zone after the time; at the end, a lenient form reads the civil time in
    /// `timeZone` and a strict one fails.
    static func zoned(_ tokens: inout DateTokens, _ civil: CivilTime, lenient: Bool,
                      timeZone: TimeZone?) -> Instant? {
        var civil = civil
        if tokens.atEnd { return lenient ? zoneless(civil, timeZone) : nil }
        if let word = tokens.word() {
            guard let offset = namedZone(word, civil: civil, lenient: lenient, timeZone: timeZone)
            else { return nil }
            civil.offset = offset
            // `GMT+8`, `UTC+08:00`: the offset after the name (Chinese CMS output).
            if lenient, !tokens.atEnd, let extra = numericOffset(&tokens, lenient: true) {
                civil.offset += extra
            }
            return civil.instant
        }
        guard let offset = numericOffset(&tokens, lenient: lenient) else { return nil }
        civil.offset = offset
        return civil.instant
    }

    /// `+0800`, `-05:00` (W3CDTF); lenient also `+08:00` in RFC 822 and `+8`.
    static func numericOffset(_ tokens: inout DateTokens, lenient: Bool) -> Int? {
        let sign: Int
        if tokens.mark("+") { sign = 1 } else if tokens.mark("-") { sign = -1 } else { return nil }
        let hours: Int, minutes: Int
        if tokens.nextDigits == 4, let packed = tokens.number(4...4) {
            hours = packed / 100; minutes = packed % 100
        } else if let h = tokens.number(lenient ? 1...2 : 2...2) {
            hours = h
            if tokens.mark(":") {
                guard let m = tokens.number(2...2) else { return nil }
                minutes = m
            } else {
                guard lenient else { return nil }
                minutes = 0
            }
        } else { return nil }
        guard hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// The offset of a zone name. `CST` is China Standard Time (+0800) as feeds in this field
    /// mean it, unless the source's own time zone is US Central.
    static func namedZone(_ name: String, civil: CivilTime, lenient: Bool,
                          timeZone: TimeZone?) -> Int? {
        let hour = 3600
        switch name {
        case "z", "ut", "utc", "gmt": return 0
        case "est": return -5 * hour
        case "edt", "cdt": return name == "edt" ? -4 * hour : -5 * hour
        case "mst": return -7 * hour
        case "mdt": return -6 * hour
        case "pst": return -8 * hour
        case "pdt": return -7 * hour
        case "cst":
            if let zone = timeZone, zone.identifier == "America/Chicago" { return -6 * hour }
            return 8 * hour
        case "bjt", "hkt", "awst", "sgt": return lenient ? 8 * hour : nil
        case "jst", "kst": return lenient ? 9 * hour : nil
        default: return nil
        }
    }

    /// The civil time read in `timeZone`; strict forms (no `timeZone`) read a date alone as UTC.
    static func zoneless(_ civil: CivilTime, _ timeZone: TimeZone?) -> Instant? {
        guard let utc = civil.instant else { return nil }
        guard let timeZone else { return civil.hour == 0 && civil.minute == 0 ? utc : nil }
        // Two steps, so a date near a daylight-saving change takes the offset in force then.
        let guess = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc.secondsSince1970)))
        let local = utc.secondsSince1970 - Int64(guess)
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        return Instant(secondsSince1970: utc.secondsSince1970 - Int64(offset))
    }
}
