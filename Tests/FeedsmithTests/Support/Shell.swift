import Foundation

/// Runs programs as a user would: the built `feedsmith`, `xmllint`, Python's feedparser.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository's top folder.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository (design, schemas, tools).
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")

    /// The `feedsmith` binary built beside the test bundle.
    static var feedsmith: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = products.appendingPathComponent("feedsmith")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("feedsmith")
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable.hasPrefix("/") ? URL(fileURLWithPath: executable)
            : URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `feedsmith ARGS` run in `directory`.
    @discardableResult
    static func feedsmith(_ arguments: [String], in directory: URL) throws -> Result {
        try run(feedsmith.path, arguments, in: directory)
    }
}
