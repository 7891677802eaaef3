import ArgumentParser
import Foundation
import Glibc
import Feedsmith
import FeedParsing
import Fetching
import Serving

/// The `feedsmith` command line: parses flags and calls one function of the Feedsmith module.
@main
struct FeedsmithCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedsmith",
        abstract: "Publish a Jekyll-style site's posts as per-category RSS, Atom and JSON feeds.",
        discussion: """
            Exit status: 0 all built; 1 built, but some inputs were skipped (each reported on \
            stderr as path:line: error: …); 2 nothing built (bad feeds.yml or unwritable output); \
            64 wrong command line.
            """,
        version: "0.1.0",
        subcommands: [Build.self, Merge.self, Aggregate.self, Articles.self, Sources.self, Parse.self, Serve.self])
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site's feeds from its posts into the output folder.")

    @Option(name: .long, help: "The site folder, holding feeds.yml.")
    var site: String = "."

    @Flag(name: .shortAndLong, help: "List every file written.")
    var verbose = false

    @Flag(name: .customLong("no-cache"),
          help: "Read every post and render every feed, ignoring the post cache (.feedsmith-cache); the files written are the same.")
    var noCache = false

    func run() async throws {
        let publisher = Publisher(site: site, usesCache: !noCache, waiting: Console.waiting)
        let report = await publisher.buildAndNotify(freeingMemory: false)
        Console.print(report, verbose: verbose)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}

struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge partner feeds (files or http(s) URLs) into the site's article store, then rebuild its feeds.",
        discussion: """
            Articles are keyed by canonical URL and merged conflict-free: any order, any number of \
            times, gives the same store. A URL is fetched conditionally with the ETag and \
            Last-Modified stored from last time (304: nothing to do). A source that fails is \
            reported as SOURCE: error: … and the others still merge; the exit status is then 1.
            """)

    @Option(name: .long, help: "The site folder, holding feeds.yml.")
    var site: String = "."

    @Option(name: .long, help: "A category for every merged article, besides its own (repeatable).")
    var category: [String] = []

    @Flag(name: .long, help: "Only merge into the store; do not rebuild the feeds.")
    var noBuild = false

    @Flag(name: .shortAndLong, help: "List every file written.")
    var verbose = false

    @OptionGroup var limits: FetchLimits

    @Argument(help: "Feed files or http(s) URLs.")
    var sources: [String] = []

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("give at least one feed file or URL to merge") }
    }

    func run() async throws {
        let aggregator = Aggregator(site: site, fetchOptions: limits.fetchOptions, waiting: Console.waiting)
        let report = await aggregator.merge(sources, categories: category, build: !noBuild)
        try Console.finish(report, verbose: verbose)
    }
}

struct Aggregate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch every partner feed listed under sources: in feeds.yml, merge them into the store, then rebuild the feeds.",
        discussion: """
            Each source is fetched conditionally (ETag, Last-Modified), 8 at once and at most 2 per \
            host, and merged with its own categories. Sources marked gone (HTTP 410) are skipped. \
            With --every, the process stays up and aggregates again every SECONDS (from the start \
            of one run to the start of the next; a run that fails is reported and the next one \
            still comes), in place of a cron entry.
            """)

    @Option(name: .long, help: "The site folder, holding feeds.yml.")
    var site: String = "."

    @Flag(name: .long, help: "Only merge into the store; do not rebuild the feeds.")
    var noBuild = false

    @Flag(name: .shortAndLong, help: "List every file written.")
    var verbose = false

    @OptionGroup var limits: FetchLimits

    @Option(name: .long, help: "Stay up and aggregate again every this many seconds.")
    var every: Int?

    @Option(name: .long, help: "With --every, stop after this many runs (default: run until stopped).")
    var runs: Int?

    func validate() throws {
        guard (every ?? 1) > 0 else { throw ValidationError("--every must be a positive number of seconds") }
        guard (runs ?? 1) > 0 else { throw ValidationError("--runs must be a positive number") }
        guard runs == nil || every != nil else { throw ValidationError("--runs needs --every") }
    }

    func run() async throws {
        let aggregator = Aggregator(site: site, fetchOptions: limits.fetchOptions, waiting: Console.waiting)
        guard let every else {
            return try Console.finish(await aggregator.aggregate(build: !noBuild), verbose: verbose)
        }
        var done = 0
        while true {
            let started = ContinuousClock.now
            let status = Console.show(await aggregator.aggregate(build: !noBuild), verbose: verbose)
            done += 1
            if let runs, done >= runs { throw ExitCode(status) }
            let next = Date().addingTimeInterval(Double(every) - (ContinuousClock.now - started).seconds)
            Swift.print("feedsmith: next run at \(next.formatted(.iso8601))")
            fflush(nil)  // each run is seen in a log as it ends
            try await Task.sleep(until: started + .seconds(every))
        }
    }
}

extension Console {
    /// Prints a merge report and exits with its status.
    static func finish(_ report: MergeReport, verbose: Bool) throws {
        let status = show(report, verbose: verbose)
        if status != 0 { throw ExitCode(status) }
    }

    /// Prints a merge report: problems to stderr, one line per source to stdout; returns its exit status.
    static func show(_ report: MergeReport, verbose: Bool) -> Int32 {
        var standardError = FileHandle.standardError
        for line in report.warnings + report.errors { Swift.print(line, to: &standardError) }
        if let fatal = report.fatal {
            Swift.print(fatal, to: &standardError)
            Swift.print("feedsmith: nothing merged", to: &standardError)
            return 2
        }
        for line in report.merged { Swift.print(line) }
        if let build = report.build { Console.print(build, verbose: verbose) }
        return report.exitStatus
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site's output folder over HTTP to feed readers and browsers.",
        discussion: """
            Files only (no listings, nothing outside the folder), with their feed media types, \
            strong ETags, Last-Modified, 304 answers to conditional requests and gzip when \
            accepted; one access-log line per request on stdout. --watch rebuilds the feeds \
            every 2 seconds when a post or feeds.yml changed. Stop it with Ctrl-C or SIGTERM.
            """)

    @Option(name: .long, help: "The site folder, holding feeds.yml.")
    var site: String = "."

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port, printed at start).")
    var port: Int = 8080

    @Flag(name: .long, help: "Rebuild the feeds when a post or feeds.yml changes.")
    var watch = false

    func run() async throws {
        let root: URL
        do {
            root = try SiteConfiguration.outputFolder(site: site)
        } catch {
            var standardError = FileHandle.standardError
            Swift.print(error.errorDescription ?? "\(error)", to: &standardError)
            throw ExitCode(2)
        }
        let server = FeedServer(root: root, host: host, port: port) { line in
            Swift.print(line)
            fflush(nil)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.run { port in
                    Swift.print("feedsmith: serving \(root.path) at http://\(host):\(port)/")
                    fflush(nil)
                }
            }
            if watch {
                group.addTask {
                    await Publisher(site: site, waiting: Console.waiting).watch(every: .seconds(2)) { report in
                        Console.print(report, verbose: false)
                        fflush(nil)
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

struct Sources: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the partner feeds listed under sources: in feeds.yml.",
        subcommands: [SourcesImport.self])
}

struct SourcesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the feeds of an OPML subscription list to sources: in feeds.yml (folders become categories).")

    @Option(name: .long, help: "The site folder, holding feeds.yml.")
    var site: String = "."

    @Argument(help: "The OPML file, as feed readers export it.")
    var file: String

    func run() throws {
        var standardError = FileHandle.standardError
        do {
            let report = try SourceImporter(site: site, waiting: Console.waiting).importOPML(file)
            for line in report.warnings { Swift.print(line, to: &standardError) }
            Swift.print("feeds.yml: \(report.added.count) source(s) added, \(report.known.count) already listed")
        } catch {
            Swift.print(error.errorDescription ?? "\(error)", to: &standardError)
            throw ExitCode(2)
        }
    }
}

struct Articles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the site's article store as a JSON Feed document, sorted by canonical URL.")

    @Option(name: .long, help: "The site folder, holding feeds.yml.")
    var site: String = "."

    func run() throws {
        do {
            Swift.print(try Aggregator(site: site).articlesJSON(), terminator: "")
        } catch {
            var standardError = FileHandle.standardError
            Swift.print(error.errorDescription ?? "\(error)", to: &standardError)
            throw ExitCode(2)
        }
    }
}

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read one feed (RSS, Atom or JSON Feed), a file or an http(s) URL, and print it as a JSON Feed document.",
        discussion: """
            A URL is fetched with one GET: gzip and deflate accepted, up to 5 redirects, at most \
            10 s to connect and --timeout in all, and the --max-size limit applied while the body \
            arrives (after decompression).
            """)

    @Argument(help: "The feed file, or an http or https URL.")
    var source: String

    @OptionGroup var limits: FetchLimits

    @Option(name: .long, help: "Read zoneless dates and ambiguous zone names (CST) in this time zone.")
    var timezone: String = "UTC"

    func validate() throws {
        guard TimeZone(identifier: timezone) != nil else {
            throw ValidationError("--timezone: unknown time zone '\(timezone)'")
        }
    }

    func run() async throws {
        var standardError = FileHandle.standardError
        let options = ParseOptions(maxBytes: limits.maxBytes, timeZone: TimeZone(identifier: timezone)!)
        do {
            let inspector = FeedInspector(options: options)
            if FeedInspector.isURL(source) {
                let result = try await inspector.jsonFeed(ofURL: source, fetchOptions: limits.fetchOptions)
                for warning in result.warnings { Swift.print(warning, to: &standardError) }
                Swift.print(result.json, terminator: "")
            } else {
                // A file is streamed: the JSON goes out item by item, in the memory of one item.
                let warnings = try inspector.writeJSONFeed(of: source, to: StandardOutput.write)
                for warning in warnings { Swift.print(warning, to: &standardError) }
            }
        } catch {
            Swift.print(error.errorDescription ?? "\(error)", to: &standardError)
            throw ExitCode(2)
        }
    }
}

/// The limits of every fetch and parse, shared by merge, aggregate and parse.
struct FetchLimits: ParsableArguments {
    @Option(name: .long, help: "Refuse feeds larger than this many MiB (after decompression).")
    var maxSize: Int = 20

    @Option(name: .long, help: "Give up on a feed URL that has not answered in full within this many seconds.")
    var timeout: Int = 30

    func validate() throws {
        guard maxSize > 0 else { throw ValidationError("--max-size must be a positive number of MiB") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    var maxBytes: Int { maxSize * 1024 * 1024 }

    var fetchOptions: FetchOptions {
        FetchOptions(maxBytes: maxBytes, connectTimeout: .seconds(min(10, timeout)), totalTimeout: .seconds(timeout))
    }
}

/// Writes bytes to standard output as they come (the inspector hands over ~1 MiB at a time).
enum StandardOutput {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}

/// Writes a report: problems to stderr, a one-line summary to stdout.
enum Console {
    /// Says on stderr, at once, that this run waits for another on the same site.
    @Sendable static func waiting(_ message: String) {
        var standardError = FileHandle.standardError
        Swift.print(message, to: &standardError)
    }

    static func print(_ report: BuildReport, verbose: Bool) {
        var standardError = FileHandle.standardError
        for line in report.warnings + report.errors { Swift.print(line, to: &standardError) }
        if let fatal = report.fatal {
            Swift.print(fatal, to: &standardError)
            Swift.print("feedsmith: nothing built", to: &standardError)
            return
        }
        if verbose {
            for path in report.written { Swift.print("wrote \(path)") }
            Swift.print("posts: \(report.postsRead) read, \(report.postsFromCache) from the cache; feeds: \(report.filesRendered) rendered")
        }
        for line in report.notices { Swift.print(line) }
        let skipped = report.errors.isEmpty ? "" : ", \(report.errors.count) input(s) skipped"
        Swift.print("feedsmith: \(report.written.count) file(s) written, \(report.unchanged.count) unchanged\(skipped)")
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) {
        write(Data(string.utf8))
    }
}
