import Fetching
import Foundation
import Testing

/// `Retry-After` in its three date forms and as seconds.
@Suite("RetryAfter")
struct RetryAfterTests {
    static let morning = Date(timeIntervalSince1970: 1_794_988_800) // Wed, 18 Nov 2026 08:00:00 GMT

    @Test("the forms RFC 9110 allows", arguments: [
        ("120", RetryAfter.seconds(120)),
        ("  0 ", .seconds(0)),
        ("Wed, 18 Nov 2026 08:00:00 GMT", .date(morning)),
        ("Wednesday, 18-Nov-26 08:00:00 GMT", .date(morning)),
        ("Wed Nov 18 08:00:00 2026", .date(morning)),
    ])
    func parses(header: String, expected: RetryAfter) {
        #expect(RetryAfter(header: header) == expected)
    }

    @Test("anything else is no hint", arguments: ["", "-5", "soon", "1.5", "２"])
    func rejects(header: String) {
        #expect(RetryAfter(header: header) == nil)
    }

    @Test("seconds from now, never negative")
    func seconds() {
        #expect(RetryAfter.seconds(30).seconds(from: Self.morning) == 30)
        #expect(RetryAfter.date(Self.morning).seconds(from: Self.morning.addingTimeInterval(-61)) == 61)
        #expect(RetryAfter.date(Self.morning).seconds(from: Self.morning.addingTimeInterval(5)) == 0)
    }
}
