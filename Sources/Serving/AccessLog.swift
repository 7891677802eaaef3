import Foundation
import Hummingbird
import NIOCore

/// The Combined Log Format web servers write, so log tools read feedsmith's too:
/// `127.0.0.1 - - [30/Nov/2026:06:10:00 +0000] "GET /rss.xml HTTP/1.1" 200 5120 "-" "newsboat/2.30"`.
enum AccessLog {
    static func line(_ request: Request, _ response: Response, from address: SocketAddress?) -> String {
        var time = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        let stamp = String(format: "%02d/%@/%04d:%02d:%02d:%02d +0000", parts.tm_mday, HTTPDate.months[Int(parts.tm_mon)],
                           parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec)
        let size = response.headers[.contentLength].flatMap { request.method == .head ? "0" : $0 } ?? "0"
        let quoted = { (text: String?) in "\"" + (text ?? "-").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return "\(address?.ipAddress ?? "-") - - [\(stamp)] \(quoted("\(request.method) \(request.uri.string) HTTP/1.1")) "
            + "\(response.status.code) \(response.status == .notModified ? "0" : size) "
            + "\(quoted(request.headers[.referer])) \(quoted(request.headers[.userAgent]))"
    }
}
