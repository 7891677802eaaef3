@testable import HTMLCleaning
import Testing
import TestSupport

/// The clean-fragment fast path must write exactly what libxml2's path writes, or step aside.
struct FastPathTests {
    /// Fragments built from the shapes feeds carry: paragraphs, headings, quotes, lists, inline
    /// markup, `<br>`, escaped text, CJK punctuation, emoji, and line breaks inside text.
    static func fragment(_ random: inout SplitMix64) -> String {
        let words = ["受美联储加快收紧", "S&amp;P 500", "“引号”，", "a &lt; b", "x > y", "📈 A股",
                     "plain words", "line\nbreak", " lead", "trail ", "tab\there", "&amp;amp;"]
        let phrases = ["b", "i", "em", "strong", "code", "span", "sub", "sup", "small", "u", "s"]
        func text() -> String { words.randomElement(using: &random)! }
        func inline(_ depth: Int) -> String {
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where depth < 3:
                let tag = phrases.randomElement(using: &random)!
                return "<\(tag)>" + inline(depth + 1) + "</\(tag)>"
            case 1: return ["<br>", "<br/>", "<br />"].randomElement(using: &random)!
            default: return text()
            }
        }
        func inlines() -> String { (0..<Int.random(in: 1...4, using: &random)).map { _ in inline(0) }.joined() }
        func block() -> String {
            switch Int.random(in: 0..<7, using: &random) {
            case 0: return "<h2>" + inlines() + "</h2>"
            case 1: return "<blockquote>" + "<p>" + inlines() + "</p>" + "</blockquote>"
            case 2: return "<ul>" + (0..<Int.random(in: 1...3, using: &random)).map { _ in "<li>" + inlines() + "</li>" }.joined() + "</ul>"
            case 3: return inlines()
            default: return "<p>" + inlines() + "</p>"
            }
        }
        let separator = Int.random(in: 0..<4, using: &random) == 0 ? "\n" : ""
        return (0..<Int.random(in: 1...4, using: &random)).map { _ in block() }.joined(separator: separator)
    }

    @Test func fastPathAgreesWithLibxml2() {
        var random = SplitMix64(state: 0x5EED_F00D)
        let cleaner = HTMLCleaner(base: "https://example.com/a/")
        var fast = 0
        for _ in 0..<3000 {
            let html = Self.fragment(&random)
            guard let quick = PlainFragment.clean(html) else { continue }
            fast += 1
            let parsed = cleaner.parsedAndCleaned(html)
            #expect(quick.html == parsed.html, "html of \(html.debugDescription)")
            #expect(quick.excerpt == parsed.excerpt, "excerpt of \(html.debugDescription)")
        }
        // The comparison means something only if the fast path is taken often.
        #expect(fast > 1000, "fast path taken \(fast) times of 3000")
    }

    @Test(arguments: [
        "<p onclick=\"x()\">a</p>", "<P>a</P>", "<p>a &nbsp; b</p>", "<p>a</p>\n<p>b</p>",
        "<p><div>a</div></p>", "<li>a</li>", "<p>a", "a</p>", "<!-- c --><p>a</p>", "<p>\u{1}</p>",
        "<script>x</script>", "<p><p>a</p></p>", "<ul>text</ul>",
    ])
    func fragmentsThatNeedTheParserAreLeftToIt(html: String) {
        #expect(PlainFragment.clean(html) == nil)
    }
}
