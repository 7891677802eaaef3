@testable import FeedModel
import Testing
import TestSupport

/// `collapsingSpace` and `trimmed` skip work on text that needs none (word-at-a-time scans);
/// on random text built from the characters that matter they must equal the plain definition.
struct XMLTextPropertyTests {
    static let pieces = ["a", "字", "。", "“", "”", " ", "  ", "\t", "\n", "\u{A0}", "\u{3000}", "\u{2028}",
                         "\u{1680}", "\u{202F}", "\u{205F}", "\u{85}", "\u{1}", "\u{7F}", "\u{FFFE}", "📈", "é", "—", "abcdefgh"]

    static func reference(_ text: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !current.isEmpty { words.append(String(current)); current = .init() }
            } else if XMLText.isAllowed(scalar) {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words.joined(separator: " ")
    }

    @Test func collapsingSpaceMatchesItsDefinition() {
        var random = SplitMix64(state: 0x5EAC_E5)
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            #expect(XMLText.collapsingSpace(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func trimmedMatchesFoundationsWhitespace() {
        var random = SplitMix64(state: 0x7B1A)
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            let scalars = Array(text.unicodeScalars)
            let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.count
            let end = scalars.lastIndex { !$0.properties.isWhitespace }.map { $0 + 1 } ?? start
            let expected = start < end ? String(String.UnicodeScalarView(scalars[start..<end])) : ""
            #expect(XMLText.trimmed(text) == expected, "\(text.debugDescription)")
        }
    }
}
