extension URLReference {
    /// The target of this reference against `base`, per RFC 3986 §5.2.2 (strict: a scheme in
    /// the reference always wins); `//host/path` takes only the base's scheme.
    public func resolved(against base: URLReference) -> URLReference {
        var target = URLReference(fragment: fragment)
        if let scheme {
            target.scheme = scheme
            target.setAuthority(from: self)
            target.path = Self.removingDotSegments(path)
            target.query = query
            return target
        }
        target.scheme = base.scheme
        if host != nil {
            target.setAuthority(from: self)
            target.path = Self.removingDotSegments(path)
            target.query = query
        } else {
            target.setAuthority(from: base)
            if path.isEmpty {
                target.path = base.path
                target.query = query ?? base.query
            } else {
                let merged = path.hasPrefix("/") ? path : Self.merge(base: base, path: path)
                target.path = Self.removingDotSegments(merged)
                target.query = query
            }
        }
        return target
    }

    /// RFC 3986 §5.2.4: removes `.` and `..` segments, never climbing above the root.
    static func removingDotSegments(_ path: String) -> String {
        let slash = UInt8(ascii: "/")
        var input = Array(path.utf8)[...]
        var output: [UInt8] = []
        func starts(_ prefix: String) -> Bool { input.starts(with: prefix.utf8) }
        func equals(_ text: String) -> Bool { input.elementsEqual(text.utf8) }
        func dropLastSegment() {
            if let last = output.lastIndex(of: slash) {
                output.removeSubrange(last...)
            } else {
                output.removeAll()
            }
        }
        while !input.isEmpty {
            if starts("../") {
                input = input.dropFirst(3)
            } else if starts("./") || starts("/./") {
                input = input.dropFirst(2)
            } else if equals("/.") {
                input = [slash]
            } else if starts("/../") {
                input = input.dropFirst(3)
                dropLastSegment()
            } else if equals("/..") {
                input = [slash]
                dropLastSegment()
            } else if equals(".") || equals("..") {
                input = []
            } else {
                var end = input.startIndex
                if input[end] == slash { end += 1 }
                end = input[end...].firstIndex(of: slash) ?? input.endIndex
                output += input[..<end]
                input = input[end...]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

private extension URLReference {
    mutating func setAuthority(from other: URLReference) {
        userinfo = other.userinfo
        host = other.host
        port = other.port
    }

    /// RFC 3986 §5.2.3: the base path up to its last `/`, then the reference's path.
    static func merge(base: URLReference, path: String) -> String {
        if base.host != nil, base.path.isEmpty { return "/" + path }
        guard let slash = base.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(base.path[...slash]) + path
    }
}
