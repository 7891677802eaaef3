import Foundation
import Testing
import TestSupport
import FeedModel
@testable import FeedWriting

/// RFC 822 and RFC 3339 dates, checked against Foundation's calendar over 1970–2100.
@Suite struct DateFormatTests {
    static let offsets = [-12 * 3600, -10 * 3600, -(4 * 3600 + 1800), 0, 5 * 3600 + 1800, 5 * 3600 + 2700,
                          8 * 3600, 8 * 3600 + 2700, 14 * 3600]

    /// Instants from 1970-01-01 to 2100-12-31, with the offset each is written in.
    static func samples(count: Int = 3000, seed: UInt64 = 20220114) -> [(Instant, Int)] {
        var rng = SplitMix64(state: seed)
        let end = Int64(4_133_980_799)  // 2100-12-31T23:59:59Z
        return (0..<count).map { _ in
            (Instant(secondsSince1970: Int64.random(in: 0...end, using: &rng)), offsets.randomElement(using: &rng)!)
        }
    }

    static func date(_ instant: Instant) -> Date { Date(timeIntervalSince1970: TimeInterval(instant.secondsSince1970)) }

    static func rfc822Formatter(_ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }

    @Test func rfc822WeekdayMatchesTheGregorianCalendar() {
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        for (instant, offset) in Self.samples() {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: offset)!
            let weekday = calendar.component(.weekday, from: Self.date(instant))  // 1 = Sunday
            let text = DateFormats.rfc822(instant, offset: offset)
            #expect(text.hasPrefix(names[weekday - 1] + ", "), "\(instant.secondsSince1970) at \(offset)")
        }
    }

    @Test func rfc822MatchesFoundationsFormatter() {
        var formatters: [Int: DateFormatter] = [:]
        for (instant, offset) in Self.samples() {
            let formatter = formatters[offset] ?? Self.rfc822Formatter(TimeZone(secondsFromGMT: offset)!)
            formatters[offset] = formatter
            #expect(DateFormats.rfc822(instant, offset: offset) == formatter.string(from: Self.date(instant)))
        }
    }

    @Test func rfc3339MatchesFoundationsFormatter() {
        for (instant, offset) in Self.samples(count: 1000, seed: 7) {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(secondsFromGMT: offset)!
            formatter.formatOptions = [.withInternetDateTime]
            #expect(DateFormats.rfc3339(instant, offset: offset) == formatter.string(from: Self.date(instant)))
        }
    }

    static let leapDays: [(String, Int, String, String)] = [
        ("2024-02-29T12:00:00Z", 0, "Thu, 29 Feb 2024 12:00:00 +0000", "2024-02-29T12:00:00Z"),
        ("2000-02-29T00:00:00Z", 0, "Tue, 29 Feb 2000 00:00:00 +0000", "2000-02-29T00:00:00Z"),
        // 1900 was not a leap year: 28 February is followed by 1 March.
        ("1900-03-01T00:00:00Z", 0, "Thu, 01 Mar 1900 00:00:00 +0000", "1900-03-01T00:00:00Z"),
        ("1900-02-28T23:59:59Z", 0, "Wed, 28 Feb 1900 23:59:59 +0000", "1900-02-28T23:59:59Z"),
        ("2100-02-28T20:00:00Z", 8 * 3600, "Mon, 01 Mar 2100 04:00:00 +0800", "2100-03-01T04:00:00+08:00"),
        ("2024-02-28T16:00:00Z", 8 * 3600, "Thu, 29 Feb 2024 00:00:00 +0800", "2024-02-29T00:00:00+08:00"),
        ("2024-03-01T02:00:00Z", -5 * 3600, "Thu, 29 Feb 2024 21:00:00 -0500", "2024-02-29T21:00:00-05:00"),
        ("1970-01-01T00:00:00Z", -(3 * 3600 + 1800), "Wed, 31 Dec 1969 20:30:00 -0330", "1969-12-31T20:30:00-03:30"),
        ("2022-01-13T17:01:10Z", 8 * 3600, "Fri, 14 Jan 2022 01:01:10 +0800", "2022-01-14T01:01:10+08:00"),
    ]

    @Test(arguments: leapDays)
    func knownDays(utc: String, offset: Int, rfc822: String, rfc3339: String) {
        let instant = SampleFeed.instant(utc)
        #expect(DateFormats.rfc822(instant, offset: offset) == rfc822)
        #expect(DateFormats.rfc3339(instant, offset: offset) == rfc3339)
    }

    /// Named zones change offset: China kept summer time 1986–1991, New York every year.
    @Test(arguments: ["Asia/Shanghai", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"])
    func feedDatesUseTheZonesOffsetAtThatInstant(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var feed = SampleFeed.document
        feed.timeZone = timeZone
        let formatter = Self.rfc822Formatter(timeZone)
        for (instant, _) in Self.samples(count: 500, seed: 42) {
            #expect(feed.rfc822(instant) == formatter.string(from: Self.date(instant)))
        }
        let summer1988 = SampleFeed.instant("1988-07-01T00:00:00Z")
        if zone == "Asia/Shanghai" { #expect(feed.rfc822(summer1988) == "Fri, 01 Jul 1988 09:00:00 +0900") }
    }

    @Test func yearsAreFourDigits() {
        #expect(DateFormats.four(999) == "0999")
        let instant = CivilTime(year: 999, month: 6, day: 1).instant!
        #expect(DateFormats.rfc822(instant, offset: 0).contains(" 0999 "))
        #expect(DateFormats.rfc3339(instant, offset: 0) == "0999-06-01T00:00:00Z")
    }
}
