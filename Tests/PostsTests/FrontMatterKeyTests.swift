import Foundation
import Testing
@testable import Posts
import Yams

/// Front matter's keys are checked before Yams reads it: an alias in a key is refused (Yams
/// hashes every key, an alias key as its whole expanded value), aliases as values are read as
/// before, and repeated keys are named in one order at one line, whatever Yams's hash order.
struct FrontMatterKeyTests {
    static func problem(_ yaml: String) -> FrontMatter.KeyProblem? {
        FrontMatter.keyProblem(yaml, lines: YAMLLines(yaml, firstLine: 2))
    }

    @Test(arguments: [
        ("*a: x", "a", 2),
        ("a: &a [1]\n*a : x", "a", 3),
        ("b: &b [1]\nc: {x: 1, *b}", "b", 3),
        ("b: &b [1]\n? *b\n: x", "b", 3),
        ("b: &b [1]\nc: {*b: x}", "b", 3),
        ("b: &b [1]\nd: &d 2\nc: [{e: *d}, *b: e]", "b", 4),
        ("b: &b [1]\nc: [*b, *b 权益d: &d [*b]]", "b", 3),
    ])
    func aliasKeyIsRefused(yaml: String, name: String, line: Int) {
        #expect(Self.problem(yaml) == .alias(name: name, line: line))
    }

    /// Lists and mappings as keys, aliases inside them or not.
    @Test(arguments: [
        ("[a, b]: x", false, 2),
        ("b: &b [1]\nc: {[*b, x]: y}", false, 3),
        ("b: &b [1]\n[x, [*b]]: y", false, 3),
        ("b: 1\n? - x\n  - {y: *b}\n: z", false, 3),
        ("b: 1\nc: [{d: 2}, {e: f}: g]", true, 3),
        ("? {p: q}\n: 3", true, 2),
    ])
    func collectionKeyIsRefused(yaml: String, isMapping: Bool, line: Int) {
        #expect(Self.problem(yaml) == .collection(isMapping: isMapping, line: line))
    }

    @Test(arguments: [
        "a: &a [1, 2]\nb: *a", "a: &a [1]\nb: [*a, c: d]", "a: &a x\nb: {c: *a}", "title: \"a *b: c\"",
        "title: 'it''s *b: c'", "a: &a x\nb:\n- *a", "a: &a [1]\nb: !!seq [*a]", "title: 5\" *b c",
        "a: &a [1]\nb:\n  - *a\n  - *a", "# *a: x\ntitle: t",
        "a: &a [1]\nb: {c: *a, d: [*a]}", "a: &a {x: 1}\nb: {? c : *a}", "a: &a x\nb: |\n  *a: y\n  [*a]: z",
    ])
    func aliasAsValueIsNoKey(yaml: String) {
        #expect(Self.problem(yaml) == nil)
        // Valid YAML that Yams reads: the check's nil is not libyaml giving up.
        #expect(throws: Never.self) { try FrontMatter.parse(yaml, path: "post.md") }
    }

    /// The fuzzer's finding: nested aliases with one standing in a key (through a stray word
    /// before `:` inside a flow sequence) took minutes; it is refused at once, at its line.
    @Test func aliasKeyBombIsRefusedAtItsLine() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("fuzz/yaml-alias-key-bomb.md")
        let bytes = [UInt8](try Data(contentsOf: url))
        let started = Date()
        let result = Result { () throws(PostError) in try FuzzFindingsTests.reader.read(FuzzFindingsTests.file, contents: bytes) }
        #expect(Date().timeIntervalSince(started) < 2)
        guard case .failure(let error) = result else {
            Issue.record("read as a post")
            return
        }
        #expect(error.line == 9)
        #expect(error.reason == "front matter: the alias '*a6' stands in a key; feedsmith refuses aliases in keys (Yams expands them whole to compare keys)")
    }

    @Test(arguments: [
        ("title: a\ndate: 1\ntitle: b", ["title"], 2),
        // Keys as Yams compares them: `1` and "1" differ (int and str), `a` and "a" do not.
        ("1: x\n\"1\": y\na: z\n'a': w", ["a"], 4),
        ("tags: {b: 1, b: 2}\nc: 3\nc: 4", ["b"], 2),
        // Empty keys are null keys; `~` is another null key to Yams (it compares the text).
        ("? \n: 1\n~: 2\n\"\": 3\n? \n: 4", [""], 2),
        // Only the first document: Yams refuses a second one for what it is.
        ("a: 1\n--- {b: 1, b: 2}", [], 0),
        // Stray CRs are lines to libyaml, not to the file (and to our errors).
        ("title: a\rdate: 1\r\ntitle: b", ["title"], 2),
        ("t: 1\n\rt: 2\r\ru: 3\nu: 4\n", ["t", "u"], 2),
    ])
    func repeatedKeysAreNamedInOneOrderAtTheirFirstLine(yaml: String, names: [String], line: Int) {
        if names.isEmpty {
            #expect(Self.problem(yaml) == nil)
            return
        }
        #expect(Self.problem(yaml) == .duplicates(names: names, line: line))
        // Yams, left to itself, finds the same keys repeated (in an order of its own).
        do {
            _ = try Yams.compose(yaml: yaml)
            Issue.record("Yams read it")
        } catch YamlError.duplicatedKeysInMapping(let duplicates, _) {
            #expect(Set(duplicates).sorted() == names)
        } catch {
            Issue.record("Yams: \(error)")
        }
    }

    /// `1` and `"1"` are two keys to Yams (an int and a string), of one name. Both repeated,
    /// the message names it once, at the first line either appears. Yams's own message comes
    /// from a hash table's order (`'1', '1'` here; the fuzzer's file below, with an empty key
    /// and a list key, gave two different messages).
    @Test func repeatedKeysGiveOneMessage() throws {
        let yaml = "t: x\n\"1\": a\n1: b\n'1': c\n1: d"
        let messages = Set((0..<20).map { _ in Self.error(yaml) })
        #expect(messages == ["post.md:3: error: duplicate key '1' in front matter"])
    }

    static func error(_ yaml: String) -> String {
        do {
            _ = try FrontMatter.parse(yaml, path: "post.md")
            return "read"
        } catch {
            return error.localizedDescription
        }
    }

    /// The fuzzer's file (2026-11-30): an empty key, a list key and a plain key, each
    /// repeated; the head-only read and the whole read had named them in different orders.
    /// The list key is now refused first.
    @Test func fuzzFindingFailsWithOneMessage() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("fuzz/yaml-duplicate-keys-hash-order.md")
        let bytes = [UInt8](try Data(contentsOf: url))
        let messages = Set((0..<20).map { _ in
            let result = Result { () throws(PostError) in try FuzzFindingsTests.reader.read(FuzzFindingsTests.file, contents: bytes) }
            guard case .failure(let error) = result else { return "read" }
            return error.localizedDescription
        })
        #expect(messages == ["finance/_posts/2022-01-14-fuzz-post.md:2: error: front matter: a key is a list; "
                             + "feedsmith reads only plain keys (`title:`, `tags:`)"])
    }
}
