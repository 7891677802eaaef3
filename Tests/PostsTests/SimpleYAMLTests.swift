import Foundation
import Testing
import TestSupport
@testable import Posts

/// The fast front matter reader may decline anything, but what it accepts it must read exactly
/// as Yams does (values, quoting, lines), and it must never accept what Yams refuses.
@Suite struct SimpleYAMLTests {
    static let keys = ["title", "date", "categories", "tags", "author", "slug", "image", "layout", "a-b", "x_1",
                       "1st", "-k", "title", "k y", "\"q\"", "Ü"]
    static let values = [
        "", " ", "plain text", "2021-01-01 03:55:11 +0800", "12:30", "a: b", "a:", "x #c", "x#c", "# c",
        "\"quoted\"", "\"with \\\" escape\"", "\"unterminated", "'single'", "'it''s'", "'bad' x", "\"a\" # c",
        "[a, b]", "[]", "[ a ,b ]", "[a, \"b c\", 'd']", "[a,]", "[a, [b]]", "[a, b", "[a:b, c]", "[a: b]",
        "{a: b}", "- x", "-5", "~", "null", "true", "1e3", "央行 宣布 降准", "标题：冒号", "！感叹", "&anchor x",
        "*alias", "!tag x", "|", ">", "%x", "@x", "`x`", "a\tb", "a\u{85}b", "a\u{2028}b", "a\u{1}b", "\u{FEFF}x",
        "a   ", "a  #c", "x,y", "[x, y z]", "[\"a\", ]", "?x", ":x", "x:", "a{b}", "'a\"b'", "\"a'b\"",
    ]
    static let extraLines = ["", "# a comment", "  indented: x", "- item", "  - item", "key", "   ", "\r", "...x"]

    @Test func whatTheFastReaderAcceptsYamsReadsTheSame() throws {
        var rng = SplitMix64(state: 5)
        var accepted = 0
        for _ in 0..<40_000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                if Int.random(in: 0..<6, using: &rng) == 0 {
                    lines.append(Self.extraLines.randomElement(using: &rng)!)
                } else {
                    let separator = ["", " ", "  "].randomElement(using: &rng)!
                    lines.append(Self.keys.randomElement(using: &rng)! + ":" + separator + Self.values.randomElement(using: &rng)!)
                }
            }
            let yaml = lines.joined(separator: "\n")
            guard let fast = SimpleYAML.parse(Substring(yaml).utf8, firstLine: 2) else { continue }
            accepted += 1
            let reference: [String: FrontMatterValue]
            do {
                reference = try FrontMatter.parse(yaml, path: "p")
            } catch {
                Issue.record("the fast reader accepted what Yams refuses (\(error)):\n\(yaml)")
                continue
            }
            #expect(fast == reference, "\(yaml)")
        }
        // The generator must exercise the fast reader, not only its refusals.
        #expect(accepted > 2_000)
    }

    @Test func theCorpusPostsAndTheExampleSiteTakeTheFastRoad() throws {
        let yaml = """
            layout: post
            title: "商都圆，。到军照好设第定油属个特据出清"
            date: 2021-01-01 03:55:11 +0800
            categories: caixin
            tags: [债券, 央行]
            """
        let fields = try #require(SimpleYAML.parse(Substring(yaml).utf8, firstLine: 2))
        #expect(fields["title"] == .scalar("商都圆，。到军照好设第定油属个特据出清", plain: false, line: 3))
        #expect(fields["tags"] == .sequence([.scalar("债券", plain: true, line: 6), .scalar("央行", plain: true, line: 6)], line: 6))
        #expect(fields == (try FrontMatter.parse(yaml, path: "p")))
    }
}
