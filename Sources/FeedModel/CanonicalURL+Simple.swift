/// The fast path of ``CanonicalURL/forms(of:stripParameters:)`` for the URLs nearly every
/// feed item has: absolute http(s), ASCII, a plain host, nothing that needs percent-encoding.
/// It reads the text's bytes once instead of building a ``URLReference``; anything else
/// returns nil and takes the general path. Tests check that both paths agree.
extension CanonicalURL {
    /// The canonical URL and the reader's link of `text`, when it is a simple absolute URL.
    public static func simpleForms(_ text: String, stripParameters: Set<String> = [])
        -> (canonical: String, link: String)? {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            SimpleURL(bytes).flatMap { $0.forms(stripParameters: stripParameters) }
        } ?? nil
    }
}

/// The parts of a simple absolute URL, as ranges of its bytes.
struct SimpleURL {
    let bytes: UnsafeBufferPointer<UInt8>
    let secure: Bool
    let host: Range<Int>
    let port: Int?
    let path: Range<Int>
    let query: Range<Int>?
    let fragment: Range<Int>?

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let count = bytes.count
        guard count > 8, bytes[0] | 0x20 == 0x68, bytes[1] | 0x20 == 0x74, bytes[2] | 0x20 == 0x74,
              bytes[3] | 0x20 == 0x70 else { return nil }
        var index = 4
        secure = bytes[4] | 0x20 == 0x73
        if secure { index += 1 }
        guard index + 3 < count, bytes[index] == 0x3A, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F
        else { return nil }
        index += 3
        let hostStart = index
        while index < count, SimpleURL.isHostByte(bytes[index]) { index += 1 }
        // A lower-case-able host, no trailing dot (which the general path trims).
        guard index > hostStart, bytes[index - 1] != 0x2E else { return nil }
        host = hostStart..<index
        var port: Int?
        if index < count, bytes[index] == 0x3A {
            index += 1
            var value = 0, digits = 0
            while index < count, (0x30...0x39).contains(bytes[index]), digits < 5 {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            guard digits > 0, value <= 65_535 else { return nil }
            port = value
        }
        self.port = port
        guard index == count || [0x2F, 0x3F, 0x23].contains(bytes[index]) else { return nil }
        let pathStart = index
        while index < count, bytes[index] != 0x3F, bytes[index] != 0x23 {
            guard SimpleURL.isPathByte(bytes[index]) else { return nil }
            index += 1
        }
        path = pathStart..<index
        var query: Range<Int>?
        if index < count, bytes[index] == 0x3F {
            index += 1
            let start = index
            while index < count, bytes[index] != 0x23 {
                guard SimpleURL.isQueryByte(bytes[index]) else { return nil }
                index += 1
            }
            query = start..<index
        }
        self.query = query
        var fragment: Range<Int>?
        if index < count, bytes[index] == 0x23 {
            index += 1
            let start = index
            while index < count {
                guard SimpleURL.isQueryByte(bytes[index]) else { return nil }
                index += 1
            }
            fragment = start..<index
        }
        self.fragment = fragment
        guard !SimpleURL.hasBadEscape(bytes) else { return nil }
    }

    func forms(stripParameters: Set<String>) -> (canonical: String, link: String)? {
        if stripParameters.isEmpty, !bytes.contains(0x25), !SimpleURL.hasDotSegment(bytes[path]) {
            return plainForms()
        }
        let hostText = lowercased(host)
        let pathText = text(path)
        let queryText = query.map(text)
        let stripped = stripParameters.isEmpty ? [] : Set(stripParameters.map { $0.lowercased() })

        var canonical = "https://" + hostText
        if let port, port != 80, port != 443 { canonical += ":" + String(port) }
        let escapedPath = pathText.utf8.contains(0x25) ? CanonicalURL.normalizedEscapes(pathText) : pathText
        let canonicalPath = SimpleURL.hasDotSegment(escapedPath.utf8)
            ? URLReference.removingDotSegments(escapedPath) : escapedPath
        canonical += canonicalPath.isEmpty ? "/" : canonicalPath
        if let query {
            if queryText!.utf8.contains(0x25) || !stripped.isEmpty {
                let normalized = queryText!.utf8.contains(0x25) ? CanonicalURL.normalizedEscapes(queryText!) : queryText!
                let kept = normalized.split(separator: "&").filter {
                    !CanonicalURL.isTracking(Substring($0), stripped: stripped)
                }.sorted(by: CanonicalURL.parameterOrder)
                if !kept.isEmpty { canonical += "?" + kept.joined(separator: "&") }
            } else {
                let kept = parameters(query).filter { !$0.isEmpty && !isTracking($0) }
                    .sorted(by: parameterOrder)
                if !kept.isEmpty {
                    canonical += "?" + kept.map(text).joined(separator: "&")
                }
            }
        }
        if let fragment, fragment.count > 0, bytes[fragment.lowerBound] == 0x21 {
            let fragmentText = text(fragment)
            canonical += "#" + (fragmentText.utf8.contains(0x25)
                                ? CanonicalURL.normalizedEscapes(fragmentText) : fragmentText)
        }

        var link = (secure ? "https://" : "http://") + hostText
        if let port { link += ":" + String(port) }
        link += SimpleURL.hasDotSegment(pathText.utf8) ? URLReference.removingDotSegments(pathText) : pathText
        if let query, let queryText {
            let pieces = parameters(query)
            let plain = stripped.isEmpty && !queryText.utf8.contains(0x25)
            let kept = pieces.filter { plain ? !isTracking($0) : !CanonicalURL.isTracking(text($0), stripped: stripped) }
            if kept.count == pieces.count {
                link += "?" + queryText
            } else if !kept.isEmpty {
                link += "?" + kept.map(text).joined(separator: "&")
            }
        }
        if let fragment { link += "#" + text(fragment) }
        return (canonical, link)
    }

    /// The `&`-separated pieces of the query, empty ones included.
    private func parameters(_ query: Range<Int>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = query.lowerBound
        for index in query where bytes[index] == 0x26 {
            pieces.append(start..<index)
            start = index + 1
        }
        pieces.append(start..<query.upperBound)
        return pieces
    }

    /// ``CanonicalURL``'s tracking test on a parameter without escapes, read from the bytes.
    func isTracking(_ parameter: Range<Int>) -> Bool {
        var end = parameter.lowerBound
        while end < parameter.upperBound, bytes[end] != 0x3D { end += 1 }
        let length = end - parameter.lowerBound
        guard length >= 4 else { return false }
        func lower(_ offset: Int) -> UInt8 {
            let byte = bytes[parameter.lowerBound + offset]
            return (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
        }
        // utm_ and mtm_ prefixes, else one of the names (all 4 to 8 letters long).
        if lower(1) == 0x74, lower(2) == 0x6D, lower(3) == 0x5F, lower(0) == 0x75 || lower(0) == 0x6D {
            return true
        }
        guard length <= 8 else { return false }
        var packed: UInt64 = 0
        for offset in 0..<length { packed = packed << 8 | UInt64(lower(offset)) }
        return SimpleURL.trackingKeys.contains(packed)
    }

    /// ``CanonicalURL/trackingNames`` (all 4 to 8 bytes long), each packed into one number.
    static let trackingKeys: [UInt64] = CanonicalURL.trackingNames.map { name in
        name.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// ``CanonicalURL``'s parameter order (name, then value, `a` before `a=`) on byte ranges.
    func parameterOrder(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Bool {
        func split(_ range: Range<Int>) -> (Range<Int>, Range<Int>?) {
            var index = range.lowerBound
            while index < range.upperBound, bytes[index] != 0x3D { index += 1 }
            return index < range.upperBound ? (range.lowerBound..<index, (index + 1)..<range.upperBound)
                : (range, nil)
        }
        func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }
        let (leftName, leftValue) = split(lhs), (rightName, rightValue) = split(rhs)
        if !slice(leftName).elementsEqual(slice(rightName)) {
            return slice(leftName).lexicographicallyPrecedes(slice(rightName))
        }
        guard let rightValue else { return false }
        guard let leftValue else { return true }
        return slice(leftValue).lexicographicallyPrecedes(slice(rightValue))
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func lowercased(_ range: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard slice.contains(where: { (0x41...0x5A).contains($0) }) else { return text(range) }
        return String(decoding: slice.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether a path has a `.` or `..` segment for RFC 3986 §5.2.4 to remove.
    static func hasDotSegment(_ path: some Sequence<UInt8>) -> Bool {
        var length = 0, dots = 0
        for byte in path {
            if byte == 0x2F {
                if length > 0, length <= 2, dots == length { return true }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == 0x2E { dots += 1 }
            }
        }
        return length > 0 && length <= 2 && dots == length
    }

    /// Letters, digits, `-` and `.`: a DNS name that IDNA leaves alone.
    static func isHostByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2D || byte == 0x2E
    }

    /// What URLReference keeps as written in a path: unreserved, sub-delims, `:@/%`. One bit
    /// per ASCII byte (bytes 0-63, then 64-127), tested against the RFC's sets in SimpleURLTests.
    @inline(__always)
    static func isPathByte(_ byte: UInt8) -> Bool {
        inSet(byte, low: 0x2FFF_FFF2_0000_0000, high: 0x47FF_FFFE_87FF_FFFF)
    }

    /// The same for queries and fragments, which also keep `?[]`.
    @inline(__always)
    static func isQueryByte(_ byte: UInt8) -> Bool {
        inSet(byte, low: 0xAFFF_FFF2_0000_0000, high: 0x47FF_FFFE_AFFF_FFFF)
    }

    @inline(__always)
    private static func inSet(_ byte: UInt8, low: UInt64, high: UInt64) -> Bool {
        byte < 0x80 && ((byte < 0x40 ? low : high) >> (byte & 0x3F)) & 1 == 1
    }

    /// A `%` without two hex digits after it, which URLReference would escape.
    static func hasBadEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25 {
                guard index + 2 < bytes.count, URLReference.isHexDigit(bytes[index + 1]),
                      URLReference.isHexDigit(bytes[index + 2]) else { return true }
            }
            index += 1
        }
        return false
    }
}
