/// The canonical form of an article's URL (its identity, DESIGN.md "Canonical URL"), the link a
/// reader clicks, and the key of an item with no usable URL. Pure functions, no network.
public enum CanonicalURL {
    /// The canonical https form of `string` resolved against `base`, or nil if it is not http(s).
    public static func canonical(_ string: String, base: String? = nil,
                                 stripParameters: Set<String> = []) -> String? {
        absolute(string, base: base).flatMap { canonical(of: $0, stripParameters: stripParameters) }
    }

    /// The canonical URL and the reader's link of an absolute http(s) reference, parsed once.
    public static func forms(of url: URLReference, stripParameters: Set<String> = [])
        -> (canonical: String, link: String)? {
        guard url.isHTTP, let canonical = canonical(of: url, stripParameters: stripParameters),
              let link = readerLink(of: url, stripParameters: stripParameters) else { return nil }
        return (canonical, link)
    }

    /// The canonical form of a parsed absolute http(s) reference.
    static func canonical(of url: URLReference, stripParameters: Set<String>) -> String? {
        guard let rawHost = url.host, var host = normalizedHost(rawHost) else { return nil }
        // A trailing dot names the same DNS host; drop them all so a second pass changes nothing.
        while host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { return nil }

        var out = "https://" + host
        // Both default ports go: the canonical scheme is https whatever the source said.
        if let port = url.port, port != 80, port != 443 { out += ":\(port)" }
        // Decode escapes before removing dots, so `%2E%2E` segments go in the same pass.
        let path = URLReference.removingDotSegments(normalizedEscapes(url.path))
        out += path.isEmpty ? "/" : path

        let stripped = stripParameters.isEmpty ? [] : Set(stripParameters.map { $0.lowercased() })
        let parameters = (url.query.map(normalizedEscapes) ?? "")
            .split(separator: "&").map(String.init)
            .filter { !isTracking($0, stripped: stripped) }
            .sorted(by: parameterOrder)
        if !parameters.isEmpty { out += "?" + parameters.joined(separator: "&") }
        // `#!` fragments address content on AJAX-crawlable sites; other fragments do not.
        if let fragment = url.fragment, fragment.hasPrefix("!") {
            out += "#" + normalizedEscapes(fragment)
        }
        return out
    }

    /// The link a reader clicks: absolute, http(s), tracking parameters removed, host lower-case.
    public static func readerLink(_ string: String, base: String? = nil,
                                  stripParameters: Set<String> = []) -> String? {
        absolute(string, base: base).flatMap { readerLink(of: $0, stripParameters: stripParameters) }
    }

    /// The reader's link of a parsed absolute http(s) reference.
    static func readerLink(of url: URLReference, stripParameters: Set<String>) -> String? {
        var url = url
        guard let rawHost = url.host, let host = normalizedHost(rawHost), !host.isEmpty else { return nil }
        url.scheme = url.scheme?.lowercased()
        url.host = host
        if let query = url.query {
            let stripped = stripParameters.isEmpty ? [] : Set(stripParameters.map { $0.lowercased() })
            let pieces = query.split(separator: "&", omittingEmptySubsequences: false)
            let kept = pieces.filter { !isTracking(String($0), stripped: stripped) }
            if kept.count < pieces.count {
                url.query = kept.isEmpty ? nil : kept.joined(separator: "&")
            }
        }
        return url.string
    }

    /// `urn:feedsmith:` and 32 hex digits hashed from the source feed's canonical URL and guid.
    public static func fallbackKey(source: String, guid: String) -> String {
        let bytes = Array((source + "\u{0}" + guid).utf8)
        // FNV-1a 64 twice, from the standard offset basis and from the upper half of FNV-128's,
        // for 128 bits without CryptoKit (absent on Linux).
        let high = fnv1a(bytes, offset: 0xCBF2_9CE4_8422_2325)
        let low = fnv1a(bytes, offset: 0x6C62_272E_07BB_0142)
        return "urn:feedsmith:" + hex(high) + hex(low)
    }
}

extension CanonicalURL {
    /// Tracking parameters, compared lower-cased; `utm_*` and `mtm_*` are prefixes.
    static let trackingNames: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
    ]

    /// The reference resolved against `base` (when it parses), if it is http(s) with a host.
    static func absolute(_ string: String, base: String?) -> URLReference? {
        guard let reference = URLReference(string) else { return nil }
        let baseReference = base.flatMap { URLReference($0) } ?? reference
        let target = reference.resolved(against: baseReference)
        return target.isHTTP ? target : nil
    }

    /// Lower-case ASCII host (IDNA for non-ASCII), or nil when an escape hides a non-host byte.
    static func normalizedHost(_ host: String) -> String? {
        if host.hasPrefix("[") { return asciiLowercased(host) }  // IP literal: no IDNA.
        var bytes: [UInt8] = []
        var utf8 = host.utf8[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard utf8.count >= 2, let hi = URLReference.hexValue(utf8.removeFirst()),
                  let lo = URLReference.hexValue(utf8.removeFirst()) else { return nil }
            let decoded = hi << 4 | lo
            // Decoding `%2F` or `%40` would change how the URL parses on the next pass.
            guard decoded >= 0x80 || URLReference.isUnreserved(decoded)
                    || URLReference.isSubDelim(decoded) else { return nil }
            bytes.append(decoded)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else { return nil }  // Not UTF-8.
        return Punycode.asciiHost(text)
    }

    /// Upper-cases escape hex and decodes escapes of unreserved characters only: other bytes
    /// (GBK `%D6%D0`, `%2F`, `%26`) stay escaped, as decoding them would change the URL.
    static func normalizedEscapes(_ text: String) -> String {
        var out: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%"), utf8.count >= 2,
                  let hi = URLReference.hexValue(utf8[utf8.startIndex]),
                  let lo = URLReference.hexValue(utf8[utf8.index(after: utf8.startIndex)])
            else { out.append(byte); continue }
            utf8 = utf8.dropFirst(2)
            let decoded = hi << 4 | lo
            out += URLReference.isUnreserved(decoded) ? [decoded] : URLReference.escape(decoded)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isTracking(_ parameter: some StringProtocol, stripped: Set<String>) -> Bool {
        let raw = parameterName(parameter)
        let name = asciiLowercased(raw.utf8.contains(0x25) ? normalizedEscapes(raw) : raw)
        return name.hasPrefix("utm_") || name.hasPrefix("mtm_") || trackingNames.contains(name)
            || stripped.contains(name)
    }

    static func parameterName(_ parameter: some StringProtocol) -> String {
        String(parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// By name, then value, comparing bytes; `a` (no `=`) sorts before `a=`.
    static func parameterOrder(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        func key(_ parameter: Substring) -> (Substring, Substring?) {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (parts[0], parts.count > 1 ? parts[1] : nil)
        }
        let lhs = Substring(lhs), rhs = Substring(rhs)
        let (leftName, leftValue) = key(lhs), (rightName, rightValue) = key(rhs)
        if !leftName.utf8.elementsEqual(rightName.utf8) {
            return leftName.utf8.lexicographicallyPrecedes(rightName.utf8)
        }
        guard let rightValue else { return false }
        guard let leftValue else { return true }
        return leftValue.utf8.lexicographicallyPrecedes(rightValue.utf8)
    }

    static func asciiLowercased(_ text: some StringProtocol) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 },
               as: UTF8.self)
    }

    static func fnv1a(_ bytes: [UInt8], offset: UInt64) -> UInt64 {
        bytes.reduce(offset) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
