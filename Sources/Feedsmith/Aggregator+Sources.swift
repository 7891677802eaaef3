import ArticleStore
import FeedParsing
import Fetching
import Foundation

/// `feedsmith aggregate`: every `sources:` entry of feeds.yml, fetched conditionally, several
/// at once, each merged in its own transaction with its own categories.
extension Aggregator {
    /// Sources fetched at once, and at most this many per host.
    public static let concurrentSources = 8
    public static let concurrentPerHost = 2

    public func aggregate(build: Bool) async -> MergeReport {
        var report = MergeReport()
        guard let (configuration, store) = openSite(reporting: &report) else { return report }
        let sources = configuration.sources
        var parts = [MergeReport](repeating: MergeReport(), count: sources.count)
        do {
            try await FeedFetcher.withFetcher(options: fetchOptions) { fetcher in
                await withTaskGroup(of: [(Int, MergeReport)].self) { group in
                    var lanes = Aggregator.lanes(sources.map(\.url)).makeIterator()
                    func start(_ lane: [Int]) {
                        group.addTask {
                            var done: [(Int, MergeReport)] = []
                            for index in lane {
                                done.append((index, await mergeSource(sources[index], configuration, store, fetcher)))
                            }
                            return done
                        }
                    }
                    for _ in 0..<Aggregator.concurrentSources { if let lane = lanes.next() { start(lane) } }
                    for await done in group {
                        for (index, part) in done { parts[index] = part }
                        if let lane = lanes.next() { start(lane) }
                    }
                }
            }
        } catch {
            report.errors.append("feedsmith: error: cannot shut the HTTP client down: \(error)")
        }
        // Reported in the order of feeds.yml, whatever order the fetches ended in.
        for part in parts {
            report.merged += part.merged
            report.errors += part.errors
            report.warnings += part.warnings
        }
        if build { report.build = await self.build(command: "aggregate") }
        return report
    }
}

extension Aggregator {
    /// Indices of `urls` grouped into lanes fetched one after the other: each host's sources
    /// dealt round-robin into at most ``concurrentPerHost`` lanes, so running any number of
    /// lanes at once never sends a host more than that many requests at a time.
    static func lanes(_ urls: [String]) -> [[Int]] {
        var byHost: [String: [Int]] = [:]
        var hosts: [String] = []
        for (index, url) in urls.enumerated() {
            let host = URLComponents(string: url)?.host?.lowercased() ?? url
            if byHost[host] == nil { hosts.append(host) }
            byHost[host, default: []].append(index)
        }
        var lanes: [[Int]] = []
        for host in hosts {
            let indices = byHost[host]!
            let count = min(concurrentPerHost, indices.count)
            for lane in 0..<count { lanes.append(indices.enumerated().filter { $0.offset % count == lane }.map(\.element)) }
        }
        return lanes
    }

    private func mergeSource(_ source: SourceConfiguration, _ configuration: SiteConfiguration,
                             _ store: ArticleStore, _ fetcher: FeedFetcher) async -> MergeReport {
        var report = MergeReport()
        if let state = try? store.sourceState(url: source.url), state.isDead {
            report.merged.append("\(source.url): skipped: gone (HTTP 410) since an earlier run; remove it from feeds.yml")
            return report
        }
        var options = parseOptions(configuration)
        if let zone = source.timeZone.flatMap(TimeZone.init(identifier:)) { options.timeZone = zone }
        let job = MergeJob(store: store, options: options, categories: Set(source.categories))
        await job.mergeURL(source.url, fetcher: fetcher, into: &report)
        return report
    }
}
