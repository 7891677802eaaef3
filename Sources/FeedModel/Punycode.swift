import Foundation  // Only for NFC (`precomposedStringWithCanonicalMapping`).

/// RFC 3492 Punycode, and the ASCII form of a host built from it label by label.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 0x80

    /// The Punycode of `label` (without `xn--`), or nil on overflow.
    static func encode(_ label: String) -> String? {
        let input = label.unicodeScalars.map { Int($0.value) }
        var output = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }

        var n = initialN, delta = 0, bias = initialBias
        while handled < input.count {
            guard let next = input.filter({ $0 >= n }).min() else { return nil }
            let (step, overflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - step else { return nil }
            delta += step
            n = next
            for code in input {
                if code < n {
                    delta += 1
                    guard delta <= Int(Int32.max) else { return nil }
                }
                guard code == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta: delta, count: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The ASCII form of `host`: lower-cased, NFC, each non-ASCII label as `xn--` Punycode.
    /// Full UTS #46 mapping (e.g. removing ignorables, width folding) is out of scope; only the
    /// ideographic and full-width dots are mapped to `.`, as they separate labels in CJK text.
    static func asciiHost(_ host: String) -> String? {
        // An ASCII host needs only lower-casing: NFC and Punycode change nothing in it.
        if host.utf8.allSatisfy({ $0 < 0x80 }) {
            guard host.utf8.contains(where: { (0x41...0x5A).contains($0) }) else { return host }
            return String(decoding: host.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 },
                          as: UTF8.self)
        }
        let normal = host.lowercased().precomposedStringWithCanonicalMapping
        let dots: Set<Unicode.Scalar> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
        var labels: [String] = []
        for label in normal.unicodeScalars.split(omittingEmptySubsequences: false,
                                                 whereSeparator: dots.contains) {
            let text = String(String.UnicodeScalarView(label))
            if label.allSatisfy(\.isASCII) {
                labels.append(text)
            } else {
                guard let encoded = encode(text) else { return nil }
                labels.append("xn--" + encoded)
            }
        }
        return labels.joined(separator: ".")
    }
}

private extension Punycode {
    static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }

    /// RFC 3492 §6.1.
    static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
