import Foundation

/// Runs `/usr/bin/xmllint --noout` on a text, as an independent check of well-formedness.
enum XMLLint {
    /// xmllint's complaints, or "" when the text is well-formed XML.
    static func errors(in xml: String) throws -> String {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedsmith-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet", file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        return process.terminationStatus == 0 ? text : "exit \(process.terminationStatus): " + text
    }
}
