import Foundation

/// A `feedsmith` run started without waiting for it: to be killed at some moment, or to overlap
/// another run.
struct BackgroundRun {
    let process: Process
    private let errors: URL
    /// Signalled when the run has ended: `waitUntilExit` spins on Linux, taking a core from the
    /// runs under test.
    private let ended = DispatchSemaphore(value: 0)

    /// Starts `feedsmith ARGS` in `directory`; its stdout is dropped, its stderr kept.
    init(_ arguments: [String], in directory: URL) throws {
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("feedsmith-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process = Process()
        process.executableURL = Shell.feedsmith
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        let standardError = try FileHandle(forWritingTo: errors)
        defer { try? standardError.close() }
        process.standardError = standardError
        process.terminationHandler = { [ended] _ in ended.signal() }
        try process.run()
    }

    /// Kills the run with SIGKILL (it may have ended already) and waits for it.
    func kill() {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        ended.wait()
        try? FileManager.default.removeItem(at: errors)
    }

    /// Waits for the run to end: its exit status and stderr.
    func wait() -> (status: Int32, stderr: String) {
        ended.wait()
        defer { try? FileManager.default.removeItem(at: errors) }
        return (process.terminationStatus, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }
}
