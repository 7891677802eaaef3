import Foundation
import HTTPTestServer
import Testing

/// Two cron runs on one site started at the same moment: they take turns (the site lock), the
/// one that waits says so, and they end where one run after the other ends.
@Suite("overlapping runs")
struct ConcurrentRunTests {
    enum Overlap: String, CaseIterable, CustomTestStringConvertible {
        case buildWithBuild = "build with build"
        case mergeWithBuild = "merge with build"
        case aggregateWithMerge = "aggregate with merge"

        var testDescription: String { rawValue }
    }

    static let rounds = 8

    /// What a run leaves that a reader sees: every output file and the store.
    struct State: Equatable {
        var output: [String: Data]
        var articles: String

        init(_ site: SiteFolder) throws {
            output = try site.outputBytes()
            articles = try site.articles()
        }
    }

    @Test("two runs started together end as one after the other, and the one that waits says so",
          arguments: Overlap.allCases)
    func overlap(_ overlap: Overlap) async throws {
        let partners = MergeCommandTests.partners
        let server = try await TestHTTPServer.start([
            "/partner.xml": { _ in .ok(try! String(contentsOfFile: partners[1], encoding: .utf8)) },
        ])
        let site = try SiteFolder("example")
        defer { site.remove() }
        #expect(try site.build().status == 0)
        // Work for every run: a new post, and for aggregate a source.
        try site.write("---\ntitle: 新的一篇\ndate: 2025-06-01 08:00:00 +0800\ncategories: overlap\n---\n正文。\n",
                       to: "_posts/2025-06-01-xin-de-yi-pian.md")
        try site.write(site.read("feeds.yml") + "sources:\n  - url: \(server.url("/partner.xml"))\n    categories: [partner]\n",
                       to: "feeds.yml")
        let commands: [[String]] = switch overlap {
        case .buildWithBuild: [["build", "--site", "."], ["build", "--site", "."]]
        case .mergeWithBuild: [["merge", "--site", ".", partners[0]], ["build", "--site", "."]]
        case .aggregateWithMerge: [["aggregate", "--site", "."], ["merge", "--site", ".", partners[0]]]
        }
        // One after the other, in either order, ends in one state.
        var sequential: [State] = []
        for order in [commands, commands.reversed()] {
            let copy = try SiteFolder(copying: site)
            defer { copy.remove() }
            for command in order {
                let result = try Shell.feedsmith(command, in: copy.url)
                #expect(result.status == 0 && SiteFolder.problems(result.stderr) == [], "\(command): \(result.stderr)")
            }
            sequential.append(try State(copy))
        }
        #expect(sequential[0] == sequential[1])

        var waited = 0
        for round in 0..<Self.rounds {
            let work = try SiteFolder(copying: site)
            defer { work.remove() }
            let runs = try commands.map { try BackgroundRun($0, in: work.url) }
            let results = try await offThePool { runs.map { $0.wait() } }
            for (index, result) in results.enumerated() {
                let other = runs[1 - index]
                #expect(result.status == 0, "round \(round), \(commands[index]): \(result.stderr)")
                let problems = SiteFolder.problems(result.stderr)
                guard !problems.isEmpty else { continue }
                // Only the waiting line, naming the other run (its pid is written just after
                // it takes the lock, so a waiter may come in between and not know it).
                let holder = "feedsmith \(other.process.arguments![0])"
                let expected = ["pid \(other.process.processIdentifier), \(holder)", "pid unknown"].map {
                    "feedsmith: waiting for another feedsmith run on \(work.url.path) (\($0))…\n"
                }
                #expect(problems.count == 1 && expected.contains(problems[0] + "\n"), "round \(round), \(commands[index]): \(result.stderr)")
                waited += 1
            }
            if overlap.usesStore { #expect(try work.integrityCheck() == "ok", "round \(round)") }
            #expect(try State(work) == sequential[0], "round \(round)")
        }
        try await server.shutdown()
        #expect(waited > 0, "in \(Self.rounds) rounds the two runs never overlapped")
    }
}

extension ConcurrentRunTests.Overlap {
    var usesStore: Bool { self != .buildWithBuild }
}
