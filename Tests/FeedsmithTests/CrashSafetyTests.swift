import Foundation
import TestSupport
import Testing

/// `feedsmith build` and `feedsmith merge` killed with SIGKILL at seeded random moments across
/// a run: whatever they leave is a state a reader may see, and the next run finishes the work.
@Suite("crash safety")
struct CrashSafetyTests {
    static let iterations = 40

    /// The example site with 120 make-corpus posts besides its own, in more categories.
    static func largeSite() throws -> SiteFolder {
        let site = try SiteFolder("example")
        let corpus = site.url.appendingPathComponent("corpus")
        let made = try Shell.run(Shell.shared.appendingPathComponent("tools/make-corpus").path,
                                 ["--posts", "120", "--categories", "8", "--out", corpus.path])
        guard made.status == 0 else { throw CheckFailure(message: "make-corpus: \(made.stderr)") }
        let posts = corpus.appendingPathComponent("_posts")
        for name in try FileManager.default.contentsOfDirectory(atPath: posts.path) {
            try FileManager.default.moveItem(at: posts.appendingPathComponent(name),
                                             to: site.url.appendingPathComponent("_posts/" + name))
        }
        try FileManager.default.removeItem(at: corpus)
        return site
    }

    @Test("a build killed at any moment leaves every output file whole, old or new; the next build gives the new")
    func killedBuild() async throws {
        let site = try Self.largeSite()
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let old = try site.outputBytes()
        // feeds.yml's description is in every file, and the new post's category adds files.
        try site.write(site.read("feeds.yml").replacingOccurrences(of: "description: 证券与财经新闻",
                                                                   with: "description: 证券与财经新闻，崩溃之后"), to: "feeds.yml")
        try site.write("---\ntitle: 新的一篇\ndate: 2025-06-01 08:00:00 +0800\ncategories: crash\n---\n正文。\n",
                       to: "_posts/2025-06-01-xin-de-yi-pian.md")
        let reference = try SiteFolder(copying: site)
        defer { reference.remove() }
        let started = Date()
        #expect(try reference.build().status == 0)
        let duration = Date().timeIntervalSince(started)
        let new = try reference.outputBytes()
        try Self.expectWellFormed(site)
        try Self.expectWellFormed(reference)
        #expect(new.count == old.count + 3 && Set(old.keys).isSubset(of: Set(new.keys)))
        // feed.xsl is constant text: it stays old, which is also new.
        #expect(old.filter { $0.key != "feed.xsl" }.allSatisfy { new[$0.key] != $0.value }, "every feed and page changes")

        // One copy, its output and post cache put back before each run (copying the posts
        // every time cost more than the runs).
        let work = try SiteFolder(copying: site)
        defer { work.remove() }
        let (problems, mixed) = try await offThePool { () throws -> ([String], Int) in
            var generator = SplitMix64(state: 0xC4A5_B011)
            var problems: [String] = [], mixed = 0
            // How long a build takes moves with the load beside it: when every kill of the first
            // round came before the first file was replaced (the reference build ran slower or
            // faster than these), more kills go on from the latest such moment until one lands.
            var latestBefore = 0.0
            for iteration in 0..<(2 * Self.iterations) {
                if iteration >= Self.iterations, mixed > 0 { break }
                try work.restore(["output", ".feedsmith-cache"], from: site)
                let delay = (iteration < Self.iterations ? 0 : latestBefore)
                    + Double.random(in: 0...duration, using: &generator)
                let run = try BackgroundRun(["build", "--site", "."], in: work.url)
                Thread.sleep(forTimeInterval: delay)
                run.kill()
                let context = "iteration \(iteration), killed after \(Int(delay * 1000)) ms of \(Int(duration * 1000))"
                let seen = try Self.oldOrNew(work, old: old, new: new, context, problems: &problems)
                if seen.old > 0 && seen.new > 0 { mixed += 1 }
                if seen.new == 0 { latestBefore = max(latestBefore, delay) }
                // Killed before it wrote anything: the site is as before, and the next build is
                // the reference build above.
                if seen.new == 0 && work.leftovers().isEmpty { continue }
                let next = try work.build()
                if next.status != 0 || next.stderr != "" { problems.append("\(context): the next build: \(next.stderr)") }
                if try work.outputBytes() != new { problems.append("\(context): the next build did not give the new files") }
                if !work.leftovers().isEmpty { problems.append("\(context): the next build left \(work.leftovers())") }
            }
            return (problems, mixed)
        }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
        // Some kills must land while files are being replaced, or this proved little.
        #expect(mixed > 0, "no kill landed between the first and the last file written")
    }

    @Test("a merge killed at any moment leaves the store sound, before or after each source's transaction, and the feeds whole; the next merge finishes")
    func killedMerge() async throws {
        let partners = MergeCommandTests.partners
        let site = try SiteFolder("example")
        defer { site.remove() }
        let first = try Shell.feedsmith(["merge", "--site", ".", partners[0]], in: site.url)
        #expect(first.status == 0, "\(first.stderr)")
        let old = try site.outputBytes()
        let interrupted = ["merge", "--site", ".", partners[1], partners[2]]
        // The states a reader may find: before, after the first source's transaction, after both.
        let halfway = try SiteFolder(copying: site)
        defer { halfway.remove() }
        #expect(try Shell.feedsmith(["merge", "--no-build", "--site", ".", partners[1]], in: halfway.url).status == 0)
        let reference = try SiteFolder(copying: site)
        defer { reference.remove() }
        let started = Date()
        #expect(try Shell.feedsmith(interrupted, in: reference.url).status == 0)
        let duration = Date().timeIntervalSince(started)
        let new = try reference.outputBytes()
        let states = [try site.articles(), try halfway.articles(), try reference.articles()]
        #expect(Set(states).count == 3)
        try Self.expectWellFormed(site)
        try Self.expectWellFormed(reference)

        let (problems, stateSeen) = try await offThePool { () throws -> ([String], [Int]) in
            var generator = SplitMix64(state: 0x4D45_5247)
            var problems: [String] = [], stateSeen = [0, 0, 0]
            for iteration in 0..<Self.iterations {
                let work = try SiteFolder(copying: site)
                defer { work.remove() }
                let delay = Double.random(in: 0...duration, using: &generator)
                let run = try BackgroundRun(interrupted, in: work.url)
                Thread.sleep(forTimeInterval: delay)
                run.kill()
                let context = "iteration \(iteration), killed after \(Int(delay * 1000)) ms of \(Int(duration * 1000))"
                let integrity = try work.integrityCheck()
                if integrity != "ok" { problems.append("\(context): integrity_check: \(integrity)") }
                if let state = states.firstIndex(of: try work.articles()) {
                    stateSeen[state] += 1
                } else {
                    problems.append("\(context): the store holds a state that is neither before nor after a source's merge")
                }
                _ = try Self.oldOrNew(work, old: old, new: new, context, problems: &problems)
                let next = try Shell.feedsmith(interrupted, in: work.url)
                if next.status != 0 || SiteFolder.problems(next.stderr) != [] { problems.append("\(context): the next merge: \(next.stderr)") }
                if try work.articles() != states[2] { problems.append("\(context): the next merge did not give the final store") }
                if try work.outputBytes() != new { problems.append("\(context): the next merge did not give the new files") }
                if !work.leftovers().isEmpty { problems.append("\(context): the next merge left \(work.leftovers())") }
            }
            return (problems, stateSeen)
        }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
        #expect(stateSeen[0] > 0 && stateSeen[2] > 0, "kills before and after the merge: \(stateSeen)")
    }

    @Test("a build removes the temporary files of writers that are gone, in every naming, and keeps those of live ones")
    func leftoversOfDeadWritersAreRemoved() throws {
        let site = try SiteFolder("example")
        defer { site.remove() }
        #expect(try site.build().status == 0)
        // A process that has ended, and one that lives (this one).
        let ended = try BackgroundRun(["--version"], in: site.url)
        _ = ended.wait()
        let (gone, alive) = (ended.process.processIdentifier, getpid())
        let planted = [
            "output/.rss.xml.\(gone).3.tmp", "output/category/caixin/.atom.xml.\(gone).7.tmp",
            ".feedsmith-cache.\(gone).tmp", "output/.dat.nosync\(String(gone, radix: 16, uppercase: true)).ifPTpP",
            "output/.feed.json.\(alive).1.tmp", ".feeds.yml.\(alive).2.tmp",
        ]
        for path in planted { try site.write("half a file", to: path) }
        let result = try site.build()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(site.leftovers().sorted() == [".feeds.yml.\(alive).2.tmp", "output/.feed.json.\(alive).1.tmp"])
    }
}

extension CrashSafetyTests {
    /// Checks that every file under `work/output` is byte-equal to its `old` or its `new`
    /// version (temporary files aside) and that no old file is missing; counts each kind.
    static func oldOrNew(_ work: SiteFolder, old: [String: Data], new: [String: Data],
                         _ context: String, problems: inout [String]) throws -> (old: Int, new: Int) {
        var seen = (old: 0, new: 0)
        let files = work.outputFiles()
        for path in files where !SiteFolder.isTemporary(path) {
            let bytes = try Data(contentsOf: work.output.appendingPathComponent(path))
            if bytes == old[path] {
                seen.old += 1
            } else if bytes == new[path] {
                seen.new += 1
            } else {
                problems.append("\(context): \(path) is neither its old nor its new version (\(bytes.count) bytes)")
            }
        }
        for path in old.keys where !files.contains(path) { problems.append("\(context): \(path) is gone") }
        return seen
    }

    /// xmllint accepts every XML file and JSONSerialization every JSON file under `output/`.
    static func expectWellFormed(_ site: SiteFolder) throws {
        for path in site.outputFiles() {
            let file = site.output.appendingPathComponent(path)
            if path.hasSuffix(".xml") || path.hasSuffix(".opml") {
                #expect(try XMLLint.problems(file) == "", "\(path)")
            } else if path.hasSuffix(".json") {
                #expect(throws: Never.self, "\(path)") { try JSONSerialization.jsonObject(with: Data(contentsOf: file)) }
            }
        }
    }
}
