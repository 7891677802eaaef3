import Foundation
import Glibc

/// One run of `feedsmith` with its wall time and peak memory, killed if it outlives a bound:
/// how a test proves that hostile input neither hangs the process nor makes it balloon.
struct MeasuredRun {
    var status: Int32
    /// The signal that ended the process, if one did (SIGKILL when it outlived the bound).
    var signal: Int32?
    var stdout: String
    var stderr: String
    var seconds: Double
    /// Peak resident memory, in MiB (the kernel's `ru_maxrss` of this one child).
    var peakMiB: Int

    var summary: String {
        "status \(status)\(signal.map { ", signal \($0)" } ?? ""), \(String(format: "%.1f", seconds)) s, \(peakMiB) MiB\n\(stderr)"
    }

    /// Called about every 10 ms while the process runs, with its pid and the path of its stdout.
    typealias Watch = @Sendable (pid_t, String) -> Void

    /// Runs `feedsmith ARGS`, waiting on a thread of its own (never one of the test's
    /// cooperative threads), and kills it after `limit` seconds.
    static func feedsmith(_ arguments: [String], killAfter limit: Double = 120, watch: Watch? = nil) async throws -> MeasuredRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedsmith-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout").path, err = folder.appendingPathComponent("stderr").path
        let program = Shell.feedsmith.path
        let started = Date()
        let (status, signal, peak) = try await offThePool { try spawnAndWait(program, arguments, out, err, limit, watch) }
        return MeasuredRun(status: status, signal: signal,
                           stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                           stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
                           seconds: Date().timeIntervalSince(started), peakMiB: peak / 1024)
    }

    private static func spawnAndWait(_ program: String, _ arguments: [String], _ out: String, _ err: String,
                                     _ limit: Double, _ watch: Watch?) throws -> (Int32, Int32?, Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The test process's own sockets and files are not the child's business (or count).
        // glibc 2.34's closefrom action; Swift's Glibc module does not export it.
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw CheckFailure(message: "cannot start \(program): \(String(cString: strerror(spawned)))") }
        let deadline = Date().addingTimeInterval(limit)
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0, errno != EINTR { throw CheckFailure(message: "wait4: \(String(cString: strerror(errno)))") }
            if Date() > deadline { kill(pid, SIGKILL) }
            watch?(pid, out)
            usleep(10_000)
        }
        // WIFEXITED/WTERMSIG are macros Swift does not import: the low 7 bits are the signal.
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, nil, usage.ru_maxrss) : (128 + signal, signal, usage.ru_maxrss)
    }
}
