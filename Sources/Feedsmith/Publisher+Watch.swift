import Foundation

extension Publisher {
    /// Builds now and then every `interval` until cancelled (`serve --watch`), handing over each
    /// build that wrote a file or whose problems differ from the last one's. **Choice:** it polls
    /// with ordinary builds rather than watching the file system: the post cache makes a build
    /// that finds nothing changed a `stat` of each post and no write, and a poll also sees posts
    /// edited in place, on network file systems, and in folders created after it started.
    public func watch(every interval: Duration, report: @escaping @Sendable (BuildReport) -> Void) async {
        var lastProblems: [String]?
        while !Task.isCancelled {
            let build = await buildAndNotify()
            let problems = build.warnings + build.errors + (build.fatal.map { [$0] } ?? [])
            if !build.written.isEmpty || problems != lastProblems { report(build) }
            lastProblems = problems
            try? await Task.sleep(for: interval)
        }
    }
}
