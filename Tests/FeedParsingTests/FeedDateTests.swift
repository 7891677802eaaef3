import FeedModel
import Foundation
import Testing
@testable import FeedParsing

@Suite struct FeedDateTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test(arguments: [
        ("Fri, 14 Jan 2022 01:01:10 +0800", "2022-01-13T17:01:10Z"),
        ("Fri, 14 Jan 2022 01:01:10 GMT", "2022-01-14T01:01:10Z"),
        ("14 Jan 2022 01:01 UT", "2022-01-14T01:01:00Z"),
        ("Fri, 14 Jan 22 01:01:10 EST", "2022-01-14T06:01:10Z"),
        ("Fri, 14 Jan 2022 01:01:10 PDT", "2022-01-14T08:01:10Z"),
        ("Fri, 14 Jan 2022 01:01:10 +08:00", "2022-01-13T17:01:10Z"),
        ("Fri, 14 Jan 2022 01:01:10 CST", "2022-01-13T17:01:10Z"),
        ("Fri, 14 Jan 2022 01:01:10", "2022-01-13T17:01:10Z"),
        ("2022-01-14T01:01:10Z", "2022-01-14T01:01:10Z"),
        ("2022-01-14T01:01:10.5+08:00", "2022-01-13T17:01:10Z"),
        ("2022", "2022-01-01T00:00:00Z"),
        ("2022-03", "2022-03-01T00:00:00Z"),
        ("2022-01-14T01:01:10", "2022-01-13T17:01:10Z"),
        ("2022-01-14 01:01:10", "2022-01-13T17:01:10Z"),
        ("2022年01月14日 01:01", "2022-01-13T17:01:00Z"),
        ("2022年1月14日", "2022-01-13T16:00:00Z"),
        ("2022年01月14日 01时01分10秒", "2022-01-13T17:01:10Z"),
        ("2022年01月14日 01时01分", "2022-01-13T17:01:00Z"),
        ("2022/01/14 01:01", "2022-01-13T17:01:00Z"),
    ])
    func reads(_ text: String, _ expected: String) {
        #expect(FeedDate.parse(text, timeZone: Self.shanghai) == utc(expected))
    }

    @Test(arguments: ["", "not a date", "32 Jan 2022 01:01 GMT", "2022-13-01", "yesterday"])
    func refuses(_ text: String) {
        #expect(FeedDate.parse(text, timeZone: Self.shanghai) == nil)
    }

    @Test func cstIsUSCentralForAChicagoSource() {
        let chicago = TimeZone(identifier: "America/Chicago")!
        #expect(FeedDate.parse("14 Jan 2022 01:01 CST", timeZone: chicago) == utc("2022-01-14T07:01:00Z"))
    }
}
