import FeedModel
import FeedWriting
import Foundation
import Testing
import TestSupport
@testable import FeedParsing

/// Property: whatever damage a fixture's bytes take (flipped bytes, truncation, stray `<`, `&`,
/// `]]>`, NUL, random bytes, duplicated chunks), the parser returns promptly with either an
/// error that says why or a feed that renders as a valid JSON Feed. Seeded per fixture, so a
/// failure names the seed and round and reproduces; the damaged bytes are saved to /tmp.
@Suite struct MutationTests {
    static let roundsPerFixture = 16

    @Test(arguments: FixtureCorpus.names)
    func mutatedFixtureParsesOrFailsCleanly(_ name: String) throws {
        let original = try FixtureCorpus.data(name)
        let input = try FixtureCorpus.input(name)
        let seed = Mutator.seed(for: name)
        var generator = SplitMix64(state: seed)
        for round in 0..<Self.roundsPerFixture {
            let (bytes, recipe) = Mutator.mutate([UInt8](original), using: &generator)
            let data = Data(bytes)
            let where_ = "\(name) seed \(seed) round \(round) [\(recipe.joined(separator: ", "))]"
            let started = Date()
            let result = Result { () throws(FeedParseError) in
                try FeedParser(options: input.options).parse(data, url: input.url, contentType: input.contentType)
            }
            let seconds = Date().timeIntervalSince(started)
            var problems: [String] = []
            if seconds > 2 { problems.append("took \(seconds) s") }
            switch result {
            case .failure(let error):
                if error.reason.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("error with no reason") }
            case .success(let feed):
                problems += Self.jsonFeedProblems(feed)
            }
            if !problems.isEmpty {
                let saved = FileManager.default.temporaryDirectory
                    .appendingPathComponent("feedsmith-mutation-\(name)-\(round).bin")
                try? data.write(to: saved)
                Issue.record("\(where_): \(problems.joined(separator: "; ")) (bytes in \(saved.path))")
            }
        }
    }

    /// What is wrong with the JSON Feed rendering of `feed`, or nothing.
    static func jsonFeedProblems(_ feed: ParsedFeed) -> [String] {
        var selfURLs: [FeedFormat: String] = [:]
        if let url = feed.feedURL { selfURLs[.json] = url }
        let document = FeedDocument(title: feed.title, description: nil, homePageURL: feed.link ?? "",
                                    selfURLs: selfURLs, language: feed.language, authors: [],
                                    timeZone: TimeZone(identifier: "UTC")!, articles: feed.articles)
        let text = document.render(.json)
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let root = object as? [String: Any] else {
            return ["rendering is not a JSON object: \(text.prefix(200))"]
        }
        var problems: [String] = []
        if root["version"] as? String != "https://jsonfeed.org/version/1.1" { problems.append("version is not 1.1") }
        if !(root["title"] is String) { problems.append("title is not a string") }
        guard let items = root["items"] as? [[String: Any]] else { return problems + ["items is not an array of objects"] }
        if items.count != feed.articles.count {
            problems.append("\(items.count) items for \(feed.articles.count) articles")
        }
        for (index, (item, article)) in zip(items, feed.articles).enumerated() {
            guard let id = item["id"] as? String, !id.isEmpty else {
                problems.append("items[\(index)].id is not a non-empty string"); continue
            }
            if id != article.canonicalURL { problems.append("items[\(index)].id \(id) is not \(article.canonicalURL)") }
            if !id.hasPrefix("https://") && !id.hasPrefix("urn:feedsmith:") {
                problems.append("items[\(index)].id \(id) is neither https nor a fallback key")
            }
            for key in ["url", "title", "content_html", "summary", "image", "date_published", "date_modified"]
            where item[key] != nil && !(item[key] is String) {
                problems.append("items[\(index)].\(key) is not a string")
            }
            if let url = item["url"] as? String, URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                problems.append("items[\(index)].url \(url) is not an http(s) URL")
            }
            for key in ["date_published", "date_modified"] {
                if let date = item[key] as? String, ISO8601DateFormatter().date(from: date) == nil {
                    problems.append("items[\(index)].\(key) \(date) is not RFC 3339")
                }
            }
            for attachment in item["attachments"] as? [Any] ?? [] where
                !((attachment as? [String: Any])?["url"] is String) {
                problems.append("items[\(index)] has an attachment without a string url")
            }
        }
        return problems
    }
}

/// Seeded damage to a document's bytes.
enum Mutator {
    /// A seed from the fixture's name (FNV-1a), stable across runs and machines.
    static func seed(for name: String) -> UInt64 {
        name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    /// One to three mutations of `bytes`, and a description of each.
    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> ([UInt8], [String]) {
        var bytes = bytes
        var recipe: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
            switch Int.random(in: 0..<8, using: &generator) {
            case 0 where !bytes.isEmpty:
                let index = min(at, bytes.count - 1)
                let mask = UInt8.random(in: 1...255, using: &generator)
                bytes[index] ^= mask
                recipe.append("flip \(index) ^ \(mask)")
            case 1:
                bytes.removeSubrange(at...)
                recipe.append("truncate at \(at)")
            case 2:
                bytes.insert(UInt8(ascii: "<"), at: at); recipe.append("insert < at \(at)")
            case 3:
                bytes.insert(UInt8(ascii: "&"), at: at); recipe.append("insert & at \(at)")
            case 4:
                bytes.insert(contentsOf: Array("]]>".utf8), at: at); recipe.append("insert ]]> at \(at)")
            case 5:
                bytes.insert(0, at: at); recipe.append("insert NUL at \(at)")
            case 6:
                let junk = (0..<Int.random(in: 1...8, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                bytes.insert(contentsOf: junk, at: at)
                recipe.append("insert \(junk) at \(at)")
            default:
                guard !bytes.isEmpty else { continue }
                let start = Int.random(in: 0..<bytes.count, using: &generator)
                let length = Int.random(in: 1...min(200, bytes.count - start), using: &generator)
                bytes.insert(contentsOf: bytes[start..<(start + length)], at: at)
                recipe.append("duplicate \(start)..<\(start + length) at \(at)")
            }
        }
        return (bytes, recipe)
    }
}
