import Foundation
import Glibc

/// `feedsmith serve --port 0` running in the background on a site, and raw HTTP/1.1 requests
/// to it: a raw socket, because HTTP clients tidy `..` out of paths before sending them.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let log: URL
    private(set) var port = 0

    init(site: SiteFolder, arguments: [String] = []) throws {
        log = site.url.deletingLastPathComponent().appendingPathComponent("feedsmith-serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = Shell.feedsmith
        process.arguments = ["serve", "--site", site.url.path, "--port", "0"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        for _ in 0..<600 where port == 0 {
            if let line = logText.split(separator: "\n").first(where: { $0.hasPrefix("feedsmith: serving ") }),
               let number = line.split(separator: ":").last.flatMap({ Int($0.filter(\.isNumber)) }) {
                port = number
            } else {
                usleep(50_000)
            }
        }
        guard port != 0 else { throw CheckFailure(message: "serve did not start: \(logText)") }
    }

    /// Everything the server printed: its start line, access log and build reports.
    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// ``request(_:method:headers:)`` on a thread of its own, off the test's cooperative threads.
    func get(_ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Reply {
        try await offThePool { try self.request(target, method: method, headers: headers) }
    }

    /// Sends `method target` with `headers` and reads the whole answer.
    func request(_ target: String, method: String = "GET", headers: [String: String] = [:]) throws -> Reply {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CheckFailure(message: "socket failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CheckFailure(message: "cannot connect to port \(port)") }
        let lines = ["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close"]
            + headers.map { "\($0.key): \($0.value)" }
        let bytes = Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        guard send(socket, bytes, bytes.count, 0) == bytes.count else { throw CheckFailure(message: "send failed") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer.prefix(count)
        }
        return try Self.parse(answer)
    }

    static func parse(_ answer: [UInt8]) throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, answer.count - 3)).first(where: { Array(answer[$0..<$0 + 4]) == separator }) else {
            throw CheckFailure(message: "no complete answer: \(String(decoding: answer, as: UTF8.self))")
        }
        let head = String(decoding: answer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: Array(answer[(end + 4)...]))
    }
}
