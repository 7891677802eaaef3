import Testing
import TestSupport
@testable import FeedModel

@Suite struct CanonicalURLTests {
    /// One row per rule of DESIGN.md "Canonical URL": (input, canonical form).
    static let rules: [(String, String?)] = [
        // Trim, NBSP and U+3000 too.
        ("  http://a.example/x\n", "https://a.example/x"),
        ("\u{A0}\u{3000}http://a.example/x\u{3000}", "https://a.example/x"),
        // Only http and https.
        ("ftp://a.example/x", nil), ("mailto:me@a.example", nil), ("javascript:alert(1)", nil),
        ("/relative/without/base", nil), ("http:///no-host", nil), ("http:no-slashes", nil),
        // Lower-case scheme and host; https.
        ("HTTP://WWW.Example.COM/Path", "https://www.example.com/Path"),
        ("HtTpS://a.example/", "https://a.example/"),
        // Percent-escaped host bytes are decoded before IDNA.
        ("http://ex%41mple.com/", "https://example.com/"), ("http://a%2Fb.example/", nil),
        // Trailing dot, userinfo, default ports.
        ("http://a.example./x", "https://a.example/x"),
        ("http://user:pw@a.example/", "https://a.example/"),
        ("http://a.example:80/", "https://a.example/"), ("https://a.example:443/", "https://a.example/"),
        ("http://a.example:443/", "https://a.example/"), ("http://a.example:8080/", "https://a.example:8080/"),
        // Empty path; dot segments, escaped ones too.
        ("http://a.example", "https://a.example/"), ("http://a.example?x=1", "https://a.example/?x=1"),
        ("http://a.example/a/./b/../c", "https://a.example/a/c"),
        ("http://a.example/a/%2E%2e/b", "https://a.example/b"),
        // Upper-case escape hex, decode only unreserved.
        ("http://a.example/%7euser/%41%2d%5F", "https://a.example/~user/A-_"),
        ("http://a.example/a%2fb%3f?q=%e4%b8%ad%26", "https://a.example/a%2Fb%3F?q=%E4%B8%AD%26"),
        ("http://a.example/ü", "https://a.example/%C3%BC"),
        // Tracking parameters, name compared lower-cased.
        ("http://a.example/?utm_source=x&UTM_Medium=y&mtm_kwd=z&id=1", "https://a.example/?id=1"),
        ("http://a.example/?fbclid=1&gclid=2&dclid=3&gbraid=4&wbraid=5&msclkid=6&yclid=7",
         "https://a.example/"),
        ("http://a.example/?twclid=1&mc_cid=2&mc_eid=3&_hsenc=4&_hsmi=5&mkt_tok=6&Id=7",
         "https://a.example/?Id=7"),
        ("http://a.example/?%75tm_campaign=x&k=v", "https://a.example/?k=v"),
        ("http://a.example/?utm=1&utmx_a=2", "https://a.example/?utm=1&utmx_a=2"),
        // Sort by name then value, duplicates and bare names kept, empty pieces dropped.
        ("http://a.example/?b=2&a=3&a=1&c&a", "https://a.example/?a&a=1&a=3&b=2&c"),
        ("http://a.example/?b=1&&a=", "https://a.example/?a=&b=1"),
        // Empty `?`.
        ("http://a.example/x?", "https://a.example/x"), ("http://a.example/x?utm_id=1", "https://a.example/x"),
        // Fragment dropped unless `#!`.
        ("http://a.example/x#section", "https://a.example/x"), ("http://a.example/x#", "https://a.example/x"),
        ("http://a.example/#!/path/%7e", "https://a.example/#!/path/~"),
        // The GBK escape of the brief, and IDNA.
        ("http://Example.COM:80/a/%d6%d0?b=2&a=1&utm_source=x#frag", "https://example.com/a/%D6%D0?a=1&b=2"),
        ("http://例え.テスト/", "https://xn--r8jz45g.xn--zckzah/"),
        ("http://Bücher.example/", "https://xn--bcher-kva.example/"),
        ("http://BÜCHER.example/", "https://xn--bcher-kva.example/"),
        ("http://Bu\u{308}cher.example/", "https://xn--bcher-kva.example/"),
        ("http://例え。テスト/", "https://xn--r8jz45g.xn--zckzah/"),
        ("http://[2001:DB8::1]:443/", "https://[2001:db8::1]/"),
    ]

    @Test(arguments: rules)
    func appliesRule(input: String, expected: String?) {
        #expect(CanonicalURL.canonical(input) == expected)
    }

    @Test(arguments: [
        ("../x?utm_source=y", "http://a.example/b/c", "https://a.example/x"),
        ("//cdn.example/i.png", "http://a.example/", "https://cdn.example/i.png"),
        ("x", "not a base at all", nil),
        ("https://b.example/", "http://a.example/", "https://b.example/"),
        ("mailto:x@y", "http://a.example/", nil),
    ])
    func resolvesAgainstBase(input: String, base: String, expected: String?) {
        #expect(CanonicalURL.canonical(input, base: base) == expected)
    }

    @Test func stripsConfiguredParametersCaseInsensitively() {
        let url = "http://a.example/?Ref=x&SID=1&keep=1"
        #expect(CanonicalURL.canonical(url, stripParameters: ["ref", "Sid"]) == "https://a.example/?keep=1")
        #expect(CanonicalURL.readerLink(url, stripParameters: ["REF"]) == "http://a.example/?SID=1&keep=1")
    }

    @Test(arguments: [
        ("HTTP://WWW.Example.COM/b?z=1&utm_medium=m&a=2#frag", "http://www.example.com/b?z=1&a=2#frag"),
        ("https://a.example:443/x/%d6%d0?utm_source=x", "https://a.example:443/x/%d6%d0"),
        ("http://u@a.example./#top", "http://u@a.example./#top"),
        ("http://Bücher.example/?fbclid=1&q", "http://xn--bcher-kva.example/?q"),
        ("ftp://a.example/", nil),
    ])
    func readerLinkKeepsWhatTheSourceGave(input: String, expected: String?) {
        #expect(CanonicalURL.readerLink(input) == expected)
    }

    @Test func readerLinkResolves() {
        #expect(CanonicalURL.readerLink("../p?utm_id=1#c", base: "https://A.example/x/y")
                == "https://a.example/p#c")
    }

    @Test func fallbackKeyIsStableAndDistinct() {
        let key = CanonicalURL.fallbackKey(source: "https://a.example/feed", guid: "42")
        #expect(key == CanonicalURL.fallbackKey(source: "https://a.example/feed", guid: "42"))
        #expect(key.hasPrefix("urn:feedsmith:"))
        let digits = key.dropFirst("urn:feedsmith:".count)
        #expect(digits.count == 32 && digits.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(key != CanonicalURL.fallbackKey(source: "https://a.example/feed", guid: "43"))
        // The separator keeps ("ab", "c") apart from ("a", "bc").
        #expect(CanonicalURL.fallbackKey(source: "ab", guid: "c")
                != CanonicalURL.fallbackKey(source: "a", guid: "bc"))
    }

    @Test func fallbackKeyOfEmptyInputIsFNV() {
        // FNV-1a 64 of the single byte 0 from the standard basis is af63bd4c8601b7df.
        #expect(CanonicalURL.fallbackKey(source: "", guid: "").hasPrefix("urn:feedsmith:af63bd4c8601b7df"))
    }

    @Test func punycodeMatchesRFC3492Samples() {
        #expect(Punycode.encode("bücher") == "bcher-kva")
        #expect(Punycode.encode("例え") == "r8jz45g")
        // RFC 3492 §7.1 (A) Arabic (Egyptian), (B) Chinese (simplified).
        #expect(Punycode.encode("\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}"
            + "\u{0644}\u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}")
            == "egbpdaj6bu4bxfgehfvwxn")
        #expect(Punycode.encode("他们为什么不说中文") == "ihqwcrb4cv8a8dqg056pqjye")
    }
}

@Suite struct CanonicalURLPropertyTests {
    static let spaces = ["", "", " ", "\t", "\u{A0}", "\u{3000}", "\n "]
    static let schemes = ["http://", "HTTP://", "https://", "HtTpS://", "//", "", "ftp://", "mailto:"]
    static let userinfos = ["", "", "user@", "u:p@"]
    static let hosts = ["example.com", "EXAMPLE.com.", "例え.テスト", "Bücher.example",
                        "xn--bcher-kva.example", "127.0.0.1", "[::1]", "[2001:DB8::A]",
                        "ex%41mple.org", "a..b", "sub.Example.COM..", "a%2fb"]
    static let ports = ["", "", ":80", ":443", ":8080", ":", ":0443"]
    static let segments = ["a", "B", ".", "..", "%2e", "%2E%2e", "%7e", "%d6%d0", "b c", "ü",
                           "%41", "x;y", "", "%zz", "~z", "100%", "a%2Fb"]
    static let parameters = ["utm_source=x", "UTM_Medium=y", "a=1", "b", "b=", "a=2", "fbclid=z",
                             "q=%d6%d0", "%75tm_campaign=q", "c=%7E", "x=a+b", "", "Mtm_x=1", "z=ü"]
    static let fragments = ["", "", "#frag", "#!/path", "#%21x", "#", "#!", "#a#b"]
    static let bases: [String?] = [nil, "http://base.example/dir/page?x=1", "https://B.example"]

    static func randomURL(_ rng: inout SplitMix64) -> String {
        func pick(_ options: [String]) -> String { options.randomElement(using: &rng)! }
        var url = pick(spaces) + pick(schemes)
        if Bool.random(using: &rng) || url.hasSuffix("//") {
            url += pick(userinfos) + pick(hosts) + pick(ports)
        }
        for _ in 0..<Int.random(in: 0...4, using: &rng) { url += "/" + pick(segments) }
        if Int.random(in: 0..<4, using: &rng) > 0 {
            url += "?" + (0..<Int.random(in: 0...4, using: &rng)).map { _ in pick(parameters) }
                .joined(separator: "&")
        }
        return url + pick(fragments) + pick(spaces)
    }

    @Test func lawsHoldOnRandomURLs() {
        var rng = SplitMix64(state: 20_240_601)
        var canonicalCount = 0
        for _ in 0..<2_000 {
            let url = Self.randomURL(&rng)
            let base = Self.bases.randomElement(using: &rng)!
            let canonical = CanonicalURL.canonical(url, base: base)
            if let canonical {
                canonicalCount += 1
                #expect(canonical.hasPrefix("https://"), "\(url)")
                #expect(CanonicalURL.canonical(canonical) == canonical, "\(url) → \(canonical)")
                #expect(CanonicalURL.canonical(canonical, base: base) == canonical, "\(url)")
            }
            let link = CanonicalURL.readerLink(url, base: base)
            #expect((link == nil) == (canonical == nil), "\(url)")
            if let link {
                #expect(!Self.hasUTMParameter(link), "\(url) → \(link)")
                #expect(CanonicalURL.canonical(link) == canonical, "\(url) → \(link)")
            }
        }
        #expect(canonicalCount > 500)  // The generator must not produce only rejects.
    }

    static func hasUTMParameter(_ link: String) -> Bool {
        guard let query = URLReference(link)?.query else { return false }
        return query.split(separator: "&").contains { piece in
            let name = piece.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return name.lowercased().hasPrefix("utm_") || name.lowercased().hasPrefix("%75tm_")
        }
    }
}
