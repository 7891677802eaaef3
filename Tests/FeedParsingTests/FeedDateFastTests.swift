import FeedModel
@testable import FeedParsing
import Foundation
import Testing
import TestSupport

/// The byte-level reader of the two common date forms must agree with the general readers.
struct FeedDateFastTests {
    @Test func fastFormsAgreeWithTheGeneralReaders() {
        var random = SplitMix64(state: 0xDA7E_5EED)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "mon", "FRI", "Xyz"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "jan", "DEC", "Foo"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var fast = 0
        for _ in 0..<4000 {
            let year = Int.random(in: 1960...2040, using: &random), month = Int.random(in: 0...13, using: &random)
            let day = Int.random(in: 0...32, using: &random), hour = Int.random(in: 0...25, using: &random)
            let minute = Int.random(in: 0...61, using: &random), second = Int.random(in: 0...61, using: &random)
            let zoneHours = Int.random(in: 0...25, using: &random), zoneMinutes = [0, 30, 45, 61].randomElement(using: &random)!
            let sign = Bool.random(using: &random) ? "+" : "-"
            let texts = [
                "\(days.randomElement(using: &random)!), \(two(day)) \(months.randomElement(using: &random)!) \(year) "
                    + "\(two(hour)):\(two(minute)):\(two(second)) \(sign)\(two(zoneHours))\(two(zoneMinutes))",
                "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z",
                "\(year)-\(two(month))-\(two(day))t\(two(hour)):\(two(minute)):\(two(second))\(sign)\(two(zoneHours)):\(two(zoneMinutes))",
            ]
            for text in texts {
                let quick = FeedDate.fast(text)
                if quick != nil { fast += 1 }
                var general: Instant?
                for form in FeedDate.strictForms {
                    var tokens = DateTokens(text)
                    if let instant = form(&tokens, TimeZone(identifier: "UTC")!), tokens.atEnd { general = instant; break }
                }
                // The fast reader may step aside (nil), never disagree.
                if let quick { #expect(quick == general, "\(text)") }
                if general != nil, quick == nil { Issue.record("fast path missed a plain date: \(text)") }
            }
        }
        #expect(fast > 1000, "fast path read \(fast) dates")
    }
}
