import Testing
@testable import FeedModel

@Suite struct URLReferenceTests {
    static let rfcBase = "http://a/b/c/d;p?q"

    /// RFC 3986 §5.4.1.
    static let normalExamples: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"), ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"),
        ("g?y#s", "http://a/b/c/g?y#s"), (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"),
        ("g;x?y#s", "http://a/b/c/g;x?y#s"), ("", "http://a/b/c/d;p?q"),
        (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"),
        ("../../", "http://a/"), ("../../g", "http://a/g"),
    ]

    /// RFC 3986 §5.4.2 (the strict reading of `http:g`).
    static let abnormalExamples: [(String, String)] = [
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"),
        ("/./g", "http://a/g"), ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
        ("http:g", "http:g"),
    ]

    @Test(arguments: normalExamples + abnormalExamples)
    func resolvesLikeRFC3986(reference: String, expected: String) throws {
        let base = try #require(URLReference(Self.rfcBase))
        let parsed = try #require(URLReference(reference))
        #expect(parsed.resolved(against: base).string == expected)
    }

    @Test func splitsEveryPart() throws {
        let url = try #require(URLReference("HTTP://user:pw@Example.com:8080/a/b?x=1&y#top"))
        #expect(url.scheme == "HTTP")
        #expect(url.userinfo == "user:pw")
        #expect(url.host == "Example.com")
        #expect(url.port == 8080)
        #expect(url.path == "/a/b")
        #expect(url.query == "x=1&y")
        #expect(url.fragment == "top")
        #expect(url.isAbsolute)
        #expect(url.string == "HTTP://user:pw@Example.com:8080/a/b?x=1&y#top")
    }

    @Test func relativeReferenceHasNoScheme() throws {
        let url = try #require(URLReference("../a?b"))
        #expect(url.scheme == nil && url.host == nil && !url.isAbsolute)
        #expect(url.path == "../a" && url.query == "b" && url.fragment == nil)
    }

    @Test func emptyQueryAndFragmentAreKeptApartFromAbsentOnes() throws {
        let url = try #require(URLReference("http://a/?#"))
        #expect(url.query == "" && url.fragment == "")
        #expect(url.string == "http://a/?#")
    }

    @Test func ipLiteralHostKeepsItsBrackets() throws {
        let url = try #require(URLReference("http://[2001:DB8::1]:81/x"))
        #expect(url.host == "[2001:DB8::1]" && url.port == 81)
    }

    @Test(arguments: [
        // (input, serialised): the leniencies real feeds need.
        (" \t http://a/b \n", "http://a/b"),
        ("\u{A0}http://a/b\u{3000}", "http://a/b"),
        ("http://a/b c?d e#f g", "http://a/b%20c?d%20e#f%20g"),
        ("http://a/ü?q=中", "http://a/%C3%BC?q=%E4%B8%AD"),
        ("http://a/100%?x=%zz", "http://a/100%25?x=%25zz"),
        ("http://a/%d6%d0", "http://a/%d6%d0"),
        ("http://a/x#y#z", "http://a/x#y%23z"),
        ("http://a/?a[]=1", "http://a/?a[]=1"),
        ("http://a/<b>", "http://a/%3Cb%3E"),
        ("http://a:/", "http://a/"),
    ])
    func parsesLeniently(input: String, serialised: String) throws {
        #expect(try #require(URLReference(input)).string == serialised)
    }

    @Test(arguments: [
        "http://a/b\nc", "http://a/\u{0}", "http://a/\u{7F}", "http://a/\u{85}",
        "http://a:port/", "http://a:99999/", "http://a b/", "http://[::1/", "http://[::1]x/",
        "http://a\u{A0}b/", "http://a\u{3000}:80/",
    ])
    func rejects(input: String) {
        #expect(URLReference(input) == nil)
    }

    @Test func protocolRelativeReferenceTakesBaseScheme() throws {
        let base = try #require(URLReference("https://site.example/dir/page"))
        let reference = try #require(URLReference("//cdn.example/img.png"))
        #expect(reference.resolved(against: base).string == "https://cdn.example/img.png")
    }

    @Test func resolveReturnsOnlyHTTP() {
        #expect(URLReference.resolve("../x", against: "http://a/b/c") == "http://a/x")
        #expect(URLReference.resolve("//h/p", against: "https://a/") == "https://h/p")
        #expect(URLReference.resolve("mailto:me@a", against: "http://a/") == nil)
        #expect(URLReference.resolve("x", against: "ftp://a/") == nil)
        #expect(URLReference.resolve("x", against: "not a base") == nil)
    }

    @Test func serialisingNeverInventsAnAuthority() {
        let url = URLReference(scheme: "x", path: "//p")
        #expect(url.string == "x:/.//p")
        #expect(URLReference(url.string)?.host == nil)
        let colon = URLReference(path: "a:b")
        #expect(colon.string == "./a:b")
        #expect(URLReference(colon.string)?.scheme == nil)
        #expect(URLReference(":80")?.string == ":80")
    }

    @Test(arguments: [
        ("/a/b/c/./../../g", "/a/g"), ("mid/content=5/../6", "mid/6"),
        ("/..", "/"), ("/a/..", "/"), ("", ""), ("a/..", "/"), ("/a//../b", "/a/b"),
    ])
    func removesDotSegments(path: String, expected: String) {
        #expect(URLReference.removingDotSegments(path) == expected)
    }
}
