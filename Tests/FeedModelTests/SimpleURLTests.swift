@testable import FeedModel
import Testing
import TestSupport

/// The fast path for simple absolute URLs must give the general path's canonical URL and
/// reader's link, or step aside.
struct SimpleURLTests {
    static func url(_ random: inout SplitMix64) -> String {
        func pick(_ options: [String]) -> String { options.randomElement(using: &random)! }
        return pick(["http://", "https://", "HTTP://", "Https://", "ftp://", "http:/"])
            + pick(["example.com", "WWW.Example.COM", "finews.zning.xyz", "a-b.c0.io", "host.", "xn--fiq228c.cn", "中文.cn", "user@host.com", "[::1]", "h_st.com"])
            + pick(["", ":80", ":443", ":8080", ":0080", ":", ":99999"])
            + pick(["", "/", "/a/b", "/a/./b/../c", "/%e4%b8%ad", "/a%2Fb", "/~user/x.html", "/a b", "/%zz", "/a;b=c", "/.."])
            + pick(["", "?", "?a=1&b=2", "?utm_source=x&id=3", "?b=2&a=1&a", "?&&x", "?FBCLID=1", "?utm%5Fx=1",
                    "?q=a%20b", "?Utm_Medium=rss&infoCode=NW1", "?a[]=1", "?x=%41", "?mc_cid=1&z",
                    "?gclid=x&b=1&", "?c=3&&Msclkid=1&a=", "?mkt_tok=a&c=d&b", "?b=1&a=2&a=1&a"])
            + pick(["", "#", "#top", "#!/x", "#%21x", "#a#b"])
    }

    @Test func fastPathAgreesWithTheGeneralPath() {
        var random = SplitMix64(state: 0xC0FF_EE11)
        var fast = 0
        for _ in 0..<5000 {
            let text = Self.url(&random)
            for strip in [Set<String>(), ["id", "Z"]] {
                guard let quick = CanonicalURL.simpleForms(text, stripParameters: strip) else { continue }
                fast += 1
                #expect(quick.canonical == CanonicalURL.canonical(text, stripParameters: strip), "canonical of \(text)")
                #expect(quick.link == CanonicalURL.readerLink(text, stripParameters: strip), "link of \(text)")
            }
        }
        #expect(fast > 1000, "fast path taken \(fast) times of 10000")
    }

    /// The one-bit-per-byte sets are what URLReference keeps as written (RFC 3986's
    /// unreserved, sub-delims and `:@/` in a path, with `?[]` in a query or fragment) plus
    /// `%`, which it checks apart; nothing from 0x80 on.
    @Test func byteSetsAreURLReferences() {
        for byte in UInt8.min...UInt8.max {
            let escape = byte == UInt8(ascii: "%")
            #expect(SimpleURL.isPathByte(byte) == (escape || URLReference.isAllowed(byte, in: .path)), "byte \(byte) in a path")
            #expect(SimpleURL.isQueryByte(byte) == (escape || URLReference.isAllowed(byte, in: .query)), "byte \(byte) in a query")
            #expect(URLReference.isSubDelim(byte) == "!$&'()*+,;=".utf8.contains(byte), "byte \(byte) as a sub-delim")
            #expect(URLReference.isAllowed(byte, in: .fragment) == URLReference.isAllowed(byte, in: .query))
        }
        // The sets themselves, spelt out once.
        let path = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%".utf8)
        #expect(Set((UInt8.min...UInt8.max).filter(SimpleURL.isPathByte)) == path)
        #expect(Set((UInt8.min...UInt8.max).filter(SimpleURL.isQueryByte)) == path.union("?[]".utf8))
    }
}
