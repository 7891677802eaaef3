import Foundation

/// Runs `/usr/bin/xmllint` on a text written to a temporary file.
enum XMLLint {
    /// xmllint's complaints, or "" when it accepts the text.
    static func errors(in xml: String, arguments: [String] = []) throws -> String {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedsmith-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet"] + arguments + [file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // RELAX NG success prints "FILE validates"; only a failure status is a complaint.
        guard process.terminationStatus != 0 else { return "" }
        return "exit \(process.terminationStatus): " + String(decoding: output, as: UTF8.self)
    }

    /// RFC 4287's schema, in the shared folder beside the repository: `<repo>/../shared/schemas/atom.rng`.
    static func atomSchema(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // FeedWritingTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // the repository
            .deletingLastPathComponent()
            .appendingPathComponent("shared/schemas/atom.rng")
    }
}
