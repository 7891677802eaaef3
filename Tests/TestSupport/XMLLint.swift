/// TestSupport: checks shared by the test targets — xmllint as an independent validator and a
/// repeatable random generator for property tests.
import Foundation

/// Runs `/usr/bin/xmllint` (libxml2-utils), never our own code, on what we write.
public enum XMLLint {
    /// xmllint's complaints about `xml`, or "" when it accepts the text.
    public static func errors(in xml: String, arguments: [String] = []) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feedsmith-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try problems(file, arguments: arguments)
    }

    /// xmllint's complaints about `file` (with `--relaxng SCHEMA` when given), or "".
    public static func problems(_ file: URL, relaxNG: URL? = nil, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet"] + arguments + (relaxNG.map { ["--relaxng", $0.path] } ?? []) + [file.path]
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

    /// RFC 4287's schema in the shared folder beside the repository: `<repo>/../shared/schemas/atom.rng`.
    public static var atomSchema: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/schemas/atom.rng")
    }
}
