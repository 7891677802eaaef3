import FeedModel
import Foundation

/// The date forms real feeds write instead of the specified ones. Each is named for the feeds
/// that need it; none is tried before the strict forms fail.
extension FeedDate {
    static let permissiveForms: [Form] = [
        // WordPress plug-ins and Chinese CMSs: `14 Jan 22 01:01 GMT`, no weekday, `+08:00`,
        // `CST`, no zone at all (then read in the source's time zone).
        { tokens, zone in rfc822(&tokens, lenient: true, timeZone: zone) },
        // Discuz!, PHPCMS, DedeCMS and hand-written feeds: `2022-01-14 01:01:10`,
        // `2022/01/14 01:01`, `2022年01月14日 01:01`, `2022-1-14`, no zone.
        { tokens, zone in w3cdtf(&tokens, lenient: true, timeZone: zone) },
    ]

    /// Chinese and slash separators rewritten as W3CDTF's: `2022年1月14日 01时01分` and
    /// `2022/01/14` both become `2022-1-14 01:01`.
    static func normalizedSeparators(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "/" || $0.value > 0x7F }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "年", "月", "/": out.append("-")
            case "日", "号": out.append(" ")
            case "时", "点", "：": out.append(":")
            // `01时01分10秒`: the seconds follow the minutes' 分.
            case "分": if index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) { out.append(":") }
            case "秒": break
            case "\u{3000}", "\u{A0}": out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
