/// The fast path's fast path: no string is built but the two results.
extension SimpleURL {
    /// Both forms of a URL with no `%`, no dot segment and no parameter named by the caller
    /// (nearly every item link), written straight into the two strings' storage.
    func plainForms() -> (canonical: String, link: String) {
        var pieceCount = 0
        if let query {
            pieceCount = 1
            for index in query where bytes[index] == 0x26 { pieceCount += 1 }
        }
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: max(pieceCount, 1)) { kept in
            // The parameters the link keeps, in order; the canonical URL also drops empty ones.
            var keptCount = 0, emptyCount = 0
            if let query {
                var start = query.lowerBound
                for index in query.lowerBound...query.upperBound
                where index == query.upperBound || bytes[index] == 0x26 {
                    let piece = start..<index
                    if !isTracking(piece) {
                        kept[keptCount] = piece
                        keptCount += 1
                        if piece.isEmpty { emptyCount += 1 }
                    }
                    start = index + 1
                }
            }
            let link = String(unsafeUninitializedCapacity: bytes.count + 1) { out in
                var writer = ByteWriter(out)
                writer.append(secure ? "https://" : "http://")
                writer.appendLowercased(bytes[host])
                if let port { writer.append(":"); writer.append(number: port) }
                writer.append(bytes[path])
                if let query, keptCount == pieceCount {
                    writer.append("?")
                    writer.append(bytes[query])
                } else if keptCount > 0 {
                    writer.append("?")
                    for index in 0..<keptCount {
                        if index > 0 { writer.append("&") }
                        writer.append(bytes[kept[index]])
                    }
                }
                if let fragment { writer.append("#"); writer.append(bytes[fragment]) }
                return writer.count
            }
            // Sorted for the canonical URL, empty ones last and left out.
            var sorted = UnsafeMutableBufferPointer(rebasing: kept[0..<keptCount])
            sorted.sort { lhs, rhs in
                lhs.isEmpty || rhs.isEmpty ? !lhs.isEmpty && rhs.isEmpty : parameterOrder(lhs, rhs)
            }
            let canonical = String(unsafeUninitializedCapacity: bytes.count + 8) { out in
                var writer = ByteWriter(out)
                writer.append("https://")
                writer.appendLowercased(bytes[host])
                if let port, port != 80, port != 443 { writer.append(":"); writer.append(number: port) }
                if path.isEmpty { writer.append("/") } else { writer.append(bytes[path]) }
                for index in 0..<(keptCount - emptyCount) {
                    writer.append(index == 0 ? "?" : "&")
                    writer.append(bytes[sorted[index]])
                }
                if let fragment, fragment.count > 0, bytes[fragment.lowerBound] == 0x21 {
                    writer.append("#")
                    writer.append(bytes[fragment])
                }
                return writer.count
            }
            return (canonical, link)
        }
    }
}

/// Appends bytes to a string's uninitialised storage (which the caller sized).
private struct ByteWriter {
    let out: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(_ out: UnsafeMutableBufferPointer<UInt8>) { self.out = out }

    mutating func append(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        for byte in bytes { out[count] = byte; count += 1 }
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { for byte in $0 { out[count] = byte; count += 1 } }
    }

    mutating func appendLowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        for byte in bytes { out[count] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte; count += 1 }
    }

    mutating func append(number: Int) {
        var digits = 1, rest = number
        while rest >= 10 { digits += 1; rest /= 10 }
        rest = number
        for place in stride(from: count + digits - 1, through: count, by: -1) {
            out[place] = UInt8(0x30 + rest % 10)
            rest /= 10
        }
        count += digits
    }
}
