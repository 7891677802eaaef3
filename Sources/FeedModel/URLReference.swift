/// An RFC 3986 URI reference split into its parts, parsed by our own code because Foundation's
/// `URL` differs between platforms and mangles non-ASCII text and percent escapes.
public struct URLReference: Sendable, Hashable {
    /// The scheme as written (not lower-cased), or nil for a relative reference.
    public var scheme: String?
    /// The userinfo before `@` in the authority, or nil.
    public var userinfo: String?
    /// The host as written, nil when there is no authority (`""` for `file:///x`).
    public var host: String?
    /// The port number, nil when absent or empty.
    public var port: Int?
    /// The path, percent-encoded; empty when absent.
    public var path: String
    /// The query without its `?`, or nil when there is no `?`.
    public var query: String?
    /// The fragment without its `#`, or nil when there is no `#`.
    public var fragment: String?

    /// Builds a reference from its parts, taken as given.
    public init(scheme: String? = nil, userinfo: String? = nil, host: String? = nil,
                port: Int? = nil, path: String = "", query: String? = nil,
                fragment: String? = nil) {
        self.scheme = scheme
        self.userinfo = userinfo
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// Parses a reference leniently: trims white space, percent-encodes spaces and non-ASCII;
    /// nil for control characters, a bad host or a bad port.
    public init?(_ string: String) {
        // ASCII (nearly every URL in a feed): its bytes are its scalars, no decoding needed.
        let all = string.utf8.allSatisfy { $0 < 0x80 } ? string.utf8.map { Unicode.Scalar($0) }
            : Array(string.unicodeScalars)
        var lower = all.startIndex, upper = all.endIndex
        while lower < upper, Self.isTrimmable(all[lower]) { lower += 1 }
        while upper > lower, Self.isTrimmable(all[upper - 1]) { upper -= 1 }
        var rest = all[lower..<upper]
        if rest.contains(where: Self.isControl) { return nil }

        // RFC 3986 appendix B: split off fragment, query, scheme, then authority.
        self.init()
        if let hash = rest.firstIndex(of: "#") {
            fragment = Self.encoded(rest[(hash + 1)...], as: .fragment)
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = Self.encoded(rest[(mark + 1)...], as: .query)
            rest = rest[..<mark]
        }
        if Self.startsWithScheme(rest), let colon = rest.firstIndex(of: ":") {
            scheme = String(String.UnicodeScalarView(rest[..<colon]))
            rest = rest[(colon + 1)...]
        }
        if rest.starts(with: ["/", "/"]) {
            let start = rest.startIndex + 2
            let end = rest[start...].firstIndex(of: "/") ?? rest.endIndex
            guard parseAuthority(rest[start..<end]) else { return nil }
            rest = rest[end...]
        }
        path = Self.encoded(rest, as: .path)
    }

    /// Whether the reference has a scheme (RFC 3986 "absolute-URI" or "URI").
    public var isAbsolute: Bool { scheme != nil }

    /// The reference written back as text.
    public var string: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let host {
            out += "//"
            if let userinfo { out += userinfo + "@" }
            out += host
            if let port { out += ":\(port)" }
        } else if path.hasPrefix("//") {
            out += "/."  // Keeps the path from reading as an authority (RFC 3986 §5.3 note).
        } else if scheme == nil, Self.startsWithScheme(Array(path.unicodeScalars)[...]) {
            out += "./"  // Keeps `a:b` from reading as a scheme (RFC 3986 §4.2).
        }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// Resolves `reference` against `base`; nil unless the result is an http(s) URL with a host.
    public static func resolve(_ reference: String, against base: String) -> String? {
        guard let parsed = URLReference(reference) else { return nil }
        // An absolute reference ignores its base: no need to parse it.
        let target = parsed.isAbsolute ? parsed.resolved(against: parsed)
            : parsed.resolved(against: URLReference(base) ?? parsed)
        return target.isHTTP ? target.string : nil
    }
}

extension URLReference: CustomStringConvertible {
    public var description: String { string }
}

extension URLReference {
    /// Whether the scheme is http or https (any case) and the host is not empty.
    public var isHTTP: Bool {
        guard let scheme = scheme?.lowercased(), let host else { return false }
        return (scheme == "http" || scheme == "https") && !host.isEmpty
    }

    /// The parts of a reference, each with its own set of characters left as they are.
    enum Component { case userinfo, path, query, fragment }

    /// ALPHA / DIGIT / "-" / "." / "_" / "~"
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
    static func isSubDelim(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&")...UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "="): true
        default: false
        }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        hexValue(byte) != nil
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` with every byte but RFC 3986's unreserved characters (letters, digits, `-._~`)
    /// as `%XX`: safe as one path segment, or as a value in an
    /// `application/x-www-form-urlencoded` form.
    public static func percentEncodingAllButUnreserved(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += escape(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `%XX` with upper-case hex digits.
    static func escape(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
    }
}

private extension URLReference {
    /// ASCII white space, NBSP and the ideographic space, which pasted links often carry.
    static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{3000}": true
        default: false
        }
    }

    /// C0, DEL and C1 controls: never part of a link, so the text is not a URL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether the text before the first `:` (and before any `/`) is a scheme.
    static func startsWithScheme(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let colon = scalars.firstIndex(where: { $0 == ":" || $0 == "/" }),
              scalars[colon] == ":" else { return false }
        return isScheme(scalars[..<colon])
    }

    /// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    static func isScheme(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = scalars.first,
              ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return scalars.allSatisfy { scalar in
            scalar.isASCII && (isUnreserved(UInt8(scalar.value)) || scalar == "+")
                && scalar != "_" && scalar != "~"
        }
    }

    /// Splits `userinfo@host:port`; false when the host or port is malformed.
    mutating func parseAuthority(_ authority: ArraySlice<Unicode.Scalar>) -> Bool {
        var rest = authority
        if let at = rest.lastIndex(of: "@") {
            userinfo = Self.encoded(rest[..<at], as: .userinfo)
            rest = rest[(at + 1)...]
        }
        var portText: ArraySlice<Unicode.Scalar> = []
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return false }
            let inside = rest[(rest.startIndex + 1)..<close]
            guard inside.allSatisfy({ $0.isASCII && Self.isHostByte(UInt8($0.value), inBrackets: true) })
            else { return false }
            let after = rest[(close + 1)...]
            guard after.isEmpty || after.first == ":" else { return false }
            portText = after.dropFirst()
            rest = rest[...close]
        } else {
            if let colon = rest.firstIndex(of: ":") {
                portText = rest[(colon + 1)...]
                rest = rest[..<colon]
            }
            guard rest.allSatisfy(Self.isRegNameScalar) else { return false }
        }
        host = String(String.UnicodeScalarView(rest))
        guard !portText.isEmpty else { return true }
        guard portText.allSatisfy({ ("0"..."9").contains($0) }),
              let number = Int(String(String.UnicodeScalarView(portText))), number <= 65_535
        else { return false }
        port = number
        return true
    }

    static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isHexDigit(UInt8(scalar.value))
    }

    /// Non-ASCII is allowed (the canonical form maps it through IDNA), but not white space.
    static func isRegNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? isHostByte(UInt8(scalar.value), inBrackets: false)
                       : !scalar.properties.isWhitespace
    }

    static func isHostByte(_ byte: UInt8, inBrackets: Bool) -> Bool {
        isUnreserved(byte) || isSubDelim(byte) || byte == UInt8(ascii: "%")
            || (inBrackets && byte == UInt8(ascii: ":"))
    }

    /// Percent-encodes, as UTF-8, whatever may not appear in `component` as written: spaces,
    /// non-ASCII, `"<>\^`{|}` and a `%` not followed by two hex digits. Feeds carry all of these.
    static func encoded(_ scalars: ArraySlice<Unicode.Scalar>, as component: Component) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count)
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "%", index + 2 < scalars.endIndex,
               isHexDigit(scalars[index + 1]), isHexDigit(scalars[index + 2]) {
                out.append(UInt8(ascii: "%"))
            } else if scalar.isASCII, isAllowed(UInt8(scalar.value), in: component) {
                out.append(UInt8(scalar.value))
            } else {
                for byte in String(scalar).utf8 { out += escape(byte) }
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension URLReference {
    /// Whether `byte` is kept as written in `component`; any other byte is percent-escaped.
    static func isAllowed(_ byte: UInt8, in component: Component) -> Bool {
        if isUnreserved(byte) || isSubDelim(byte) || byte == UInt8(ascii: ":") { return true }
        switch component {
        case .userinfo: return false
        case .path: return byte == UInt8(ascii: "/") || byte == UInt8(ascii: "@")
        // Brackets stay in queries and fragments (`a[]=1`), as browsers leave them.
        case .query, .fragment:
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "]"): return true
            default: return false
            }
        }
    }
}
