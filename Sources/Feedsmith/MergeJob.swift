import ArticleStore
import FeedModel
import FeedParsing
import Fetching
import Foundation

/// Merging one source into the store: fetch (conditionally) or read, parse completely, then
/// one transaction. Nothing is written before the whole feed parsed, so a bad or truncated feed
/// never touches the stored articles.
struct MergeJob: Sendable {
    let store: ArticleStore
    let options: ParseOptions
    /// Categories given for these sources, added to every article.
    let categories: Set<String>

    func mergeFile(_ path: String, into report: inout MergeReport) {
        var state: SourceState
        let data: Data
        do {
            state = try store.sourceState(url: path) ?? SourceState(url: path)
            data = try MappedFile.data(at: path)
        } catch let error as StoreError {
            report.errors.append(error.errorDescription ?? "\(error)")
            return
        } catch {
            report.errors.append("\(path): error: \((error as? FeedParseError)?.reason ?? error.localizedDescription)")
            return
        }
        let digest = mergeDigest(of: data)
        if state.mergedDigest == digest {
            report.merged.append("\(path): unchanged since its last merge")
            return
        }
        var articles: [Article] = []
        let parsed: ParsedFeed
        do {
            parsed = try FeedParser(options: options).parse(mappedFile: data, at: path) { _, article in
                articles.append(article)
            }
        } catch {
            report.errors.append("\(path)\(error.line.map { ":\($0)" } ?? ""): error: \(error.reason)")
            return
        }
        report.warnings += parsed.warnings.map { "\(path): warning: \($0)" }
        state.mergedDigest = digest
        store(articles, source: path, state: state, into: &report)
    }

    func mergeURL(_ url: String, fetcher: FeedFetcher, into report: inout MergeReport) async {
        let known: SourceState?
        do {
            known = try store.sourceState(url: url)
        } catch {
            report.errors.append(error.errorDescription ?? "\(error)")
            return
        }
        var state = known ?? SourceState(url: url)
        let now = Int64(Date().timeIntervalSince1970)
        if let next = state.nextAttempt, next > now {
            // The server said when to come back (429/503 Retry-After): no request before then.
            let when = Date(timeIntervalSince1970: TimeInterval(next))
            report.merged.append("\(url): waiting: the server asked not to be fetched before \(when.formatted(.iso8601))")
            return
        }
        let target = state.movedTo ?? url
        let result: FetchResult
        do {
            result = try await fetcher.fetch(target, etag: state.etag, lastModified: state.lastModified)
        } catch {
            report.errors.append("\(url): error: \(error.reason)")
            state.lastError = error.reason
            if case .status(let status) = error.kind { state.lastStatus = status }
            if case .retryLater(let status, _) = error.kind { state.lastStatus = status }
            if let after = error.retryAfter {
                state.nextAttempt = now + Int64(after.seconds(from: Date(timeIntervalSince1970: TimeInterval(now))))
            }
            try? store.save(state)
            return
        }
        state.nextAttempt = nil
        state.lastStatus = result.status
        state.lastError = nil
        if let moved = result.movedPermanently {
            state.movedTo = moved
            report.warnings.append("\(url): warning: moved permanently to \(moved); fetched there from now on")
        }
        switch result.outcome {
        case .notModified:
            // No parse and no write: the stored articles and validators are current.
            report.merged.append("\(url): not modified")
        case .gone:
            state.isDead = true
            state.lastError = "the feed is gone (HTTP 410 Gone)"
            try? store.save(state)
            report.errors.append("\(url): error: the feed is gone (HTTP 410 Gone): its publisher removed it; marked dead")
        case .fetched:
            state.etag = result.etag ?? state.etag
            state.lastModified = result.lastModified ?? state.lastModified
            state.isDead = false
            let digest = mergeDigest(of: result.body)
            if state.mergedDigest == digest {
                // A server without validators sent the same bytes again: nothing to parse or merge.
                try? store.save(state)
                report.merged.append("\(url): unchanged since its last merge")
                return
            }
            state.mergedDigest = digest
            let parsed: ParsedFeed
            do {
                parsed = try FeedParser(options: options).parse(result.body, url: result.finalURL,
                                                                contentType: result.contentType)
            } catch {
                // The validators are not stored, so the next run fetches the feed again.
                report.errors.append("\(url)\(error.line.map { ":\($0)" } ?? ""): error: \(error.reason)")
                state = known ?? SourceState(url: url)
                state.movedTo = result.movedPermanently ?? state.movedTo
                state.lastStatus = result.status
                state.lastError = error.reason
                try? store.save(state)
                return
            }
            report.warnings += parsed.warnings.map { "\(url): warning: \($0)" }
            store(parsed.articles, source: url, state: state, into: &report)
        }
    }

    /// The bytes of a feed and every setting that shapes its articles: equal digests merge to
    /// the same versions, which the store already holds (the join is idempotent).
    private func mergeDigest(of bytes: Data) -> String {
        let settings = [categories.sorted().joined(separator: "\u{0}"), options.timeZone.identifier,
                        options.stripParameters.sorted().joined(separator: "\u{0}"), "\(options.maxBytes)"]
        return bytes.withUnsafeBytes { ContentDigest(hashing: $0) }.hex + ContentDigest(hashing: Array(settings.joined(separator: "\u{1}").utf8)).hex
    }

    /// One transaction: every version of the feed and the source's new fetch state, or nothing.
    private func store(_ articles: [Article], source: String, state: SourceState?, into report: inout MergeReport) {
        let versions = articles.map { article in
            var version = article
            version.sources = [source]
            version.categories.formUnion(categories)
            return version
        }
        let distinct = Set(versions.lazy.map(\.canonicalURL)).count
        if distinct < versions.count {
            report.warnings.append("\(source): warning: \(versions.count - distinct) item(s) repeat the canonical URL "
                + "of an earlier item; each URL is one article, its versions merged")
        }
        do {
            let summary = try store.merge(versions, sourceState: state)
            report.merged.append("\(source): \(summary.items) item(s): \(summary.added) new, \(summary.changed) changed, \(summary.unchanged) unchanged")
        } catch {
            report.errors.append("\(source): error: not merged: \(error.errorDescription ?? "\(error)")")
        }
    }
}
