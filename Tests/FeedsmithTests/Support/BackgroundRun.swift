import Foundation

/// A `feedsmith` run started without waiting for it: to be killed at some moment, or to overlap
/// another run. (Sendable: its process is only waited for, through a semaphore.)
struct BackgroundRun: @unchecked Sendable {
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

/// Runs `work` on a thread of its own: long blocking loops (processes started, waited for and
/// slept on) would otherwise hold one of the test process's cooperative threads — two on these
/// machines — for a minute and starve other suites' async tests. `work` records no issues
/// itself (there is no test task on its thread); it returns what the test then checks.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
