import Foundation
import Testing
@testable import Posts

/// Front matter with an alias in a key is refused before Yams reads it (Yams hashes every key,
/// an alias key as its whole expanded value); aliases as values are read as before.
struct AliasKeyTests {
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
        let found = FrontMatter.aliasInKey(yaml, firstLine: 2)
        #expect(found?.name == name)
        #expect(found?.line == line)
    }

    @Test(arguments: [
        "a: &a [1, 2]\nb: *a", "a: &a [1]\nb: [*a, c: d]", "a: &a x\nb: {c: *a}", "title: \"a *b: c\"",
        "title: 'it''s *b: c'", "a: &a x\nb:\n- *a", "a: &a [1]\nb: !!seq [*a]", "title: 5\" *b c",
        "a: &a [1]\nb:\n  - *a\n  - *a", "# *a: x\ntitle: t",
        "a: &a [1]\nb: {c: *a, d: [*a]}", "a: &a {x: 1}\nb: {? c : *a}", "a: &a x\nb: |\n  *a: y\n  [*a]: z",
    ])
    func aliasAsValueIsNoKey(yaml: String) {
        #expect(FrontMatter.aliasInKey(yaml, firstLine: 2) == nil)
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
}
