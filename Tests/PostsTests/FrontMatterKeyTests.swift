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
        ("b: &b [1]\nc: {[*b, x]: y}", "b", 3),
        ("b: &b [1]\n[x, [*b]]: y", "b", 3),
        ("b: &b [1]\nc: {x: 1, *b}", "b", 3),
        ("b: &b [1]\n? - x\n  - {y: *b}\n: z", "b", 4),
        ("b: &b [1]\nc: [{d: *b}, [*b]: e]", "b", 3),
        ("b: &b [1]\nc: {*b: x}", "b", 3),
        ("b: &b [1]\n? *b\n: x", "b", 3),
        ("b: &b [1]\nc: [*b, *b 权益d: &d [*b]]", "b", 3),
    ])
    func aliasInKeyIsFound(yaml: String, name: String, line: Int) {
        #expect(Self.problem(yaml) == .alias(name: name, line: line))
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
        ("[x, y]: 1\n? [x, y]\n: 2\nz: {[1]: 2}\n? {p: q}\n: 3\n? {p: q}\n: 4", ["(a mapping)", "(a sequence)"], 2),
        // Stray CRs are lines to libyaml, not to the file (and to our errors).
        ("title: a\rdate: 1\r\ntitle: b", ["title"], 2),
        ("t: 1\n\rt: 2\r\ru: 3\nu: 4\n", ["t", "u"], 2),
    ])
    func repeatedKeysAreNamedInOneOrderAtTheirFirstLine(yaml: String, names: [String], line: Int) {
        #expect(Self.problem(yaml) == .duplicates(names: names, line: line))
        // Yams, left to itself, finds the same keys repeated (in an order of its own).
        do {
            _ = try Yams.compose(yaml: yaml)
            Issue.record("Yams read it")
        } catch YamlError.duplicatedKeysInMapping(let duplicates, _) {
            #expect(duplicates.count == names.count)
            #expect(Set(duplicates.filter { $0 != "<uncovertable>" }) == Set(names.filter { !$0.hasPrefix("(") }))
        } catch {
            Issue.record("Yams: \(error)")
        }
    }

    /// The fuzzer's finding: a sequence key and an empty key, each repeated, were named by
    /// Yams in hash-table order, so the same file gave two messages.
    @Test func mixedRepeatedKeysGiveOneMessage() throws {
        let yaml = "? [a]\n: 1\n\"\": 2\n? [a]\n: 3\n\"\": 4\nb: 5\nb: 6"
        let messages = Set((0..<20).map { _ in Self.error(yaml) })
        #expect(messages == ["post.md:2: error: duplicate key '', '(a sequence)', 'b' in front matter"])
    }

    static func error(_ yaml: String) -> String {
        do {
            _ = try FrontMatter.parse(yaml, path: "post.md")
            return "read"
        } catch {
            return error.localizedDescription
        }
    }

    /// The fuzzer's file (2026-11-30): an empty key, a sequence key and a plain key, each
    /// repeated; the head-only read and the whole read had named them in different orders.
    @Test func fuzzFindingFailsWithOneMessage() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("fuzz/yaml-duplicate-keys-hash-order.md")
        let bytes = [UInt8](try Data(contentsOf: url))
        let messages = Set((0..<20).map { _ in
            let result = Result { () throws(PostError) in try FuzzFindingsTests.reader.read(FuzzFindingsTests.file, contents: bytes) }
            guard case .failure(let error) = result else { return "read" }
            return error.localizedDescription
        })
        #expect(messages == ["finance/_posts/2022-01-14-fuzz-post.md:2: error: duplicate key '', '(a sequence)', "
                             + "'gr9999-12-31ocanonical_url' in front matter"])
    }
}
