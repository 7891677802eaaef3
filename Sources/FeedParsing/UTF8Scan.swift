import Foundation

/// One pass over a document's bytes: whether it has any non-ASCII byte and whether it is
/// valid UTF-8 (shortest forms, no surrogates, nothing above U+10FFFF), without copying it.
struct UTF8Scan {
    private(set) var hasMultibyte = false
    private(set) var isValid = true

    init(_ bytes: UnsafeRawBufferPointer, releasing: Bool = false) {
        let count = bytes.count
        var index = 0
        var pages = PageReleaser(bytes, isEnabled: releasing)
        defer { pages.release(upTo: count) }
        while index < count {
            if index & 0xFFFF == 0 { pages.passed(index) }
            // Eight ASCII bytes at a time: the common case in every feed's markup.
            if index + 8 <= count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            hasMultibyte = true
            // Most CJK text: U+4E00-U+9FFF, leads E4-E9 with two continuation bytes.
            if lead >= 0xE4, lead <= 0xE9, index + 2 < count, bytes[index + 1] & 0xC0 == 0x80,
               bytes[index + 2] & 0xC0 == 0x80 {
                index += 3
                continue
            }
            guard let length = UTF8Scan.sequenceLength(bytes, at: index) else {
                isValid = false
                return
            }
            index += length
        }
    }

    /// The length of the valid multibyte sequence at `index`, or nil (RFC 3629 table 3-7).
    private static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return nil
        }
        guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}

extension UTF8Scan {
    /// The scan of `data`; a large document is scanned in two halves, one on another
    /// thread, since the parse cannot start before the encoding is chosen.
    static func of(_ data: Data, releasing: Bool) -> UTF8Scan {
        guard data.count >= concurrentSize else { return data.withUnsafeBytes { UTF8Scan($0, releasing: releasing) } }
        // Split before a byte that starts a character (no sequence crosses the split; four or
        // more continuation bytes in a row are invalid either way).
        var split = data.count / 2
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for _ in 0..<3 where bytes.load(fromByteOffset: split, as: UInt8.self) & 0xC0 == 0x80 { split += 1 }
        }
        let second = Pending(data, from: split, releasing: releasing)
        let first = data.withUnsafeBytes { UTF8Scan(UnsafeRawBufferPointer(rebasing: $0[..<split]), releasing: releasing) }
        let rest = second.result
        return UTF8Scan(hasMultibyte: first.hasMultibyte || rest.hasMultibyte, isValid: first.isValid && rest.isValid)
    }

    /// From this size on, a document is scanned on two threads.
    static let concurrentSize = 1 << 20

    private init(hasMultibyte: Bool, isValid: Bool) {
        self.hasMultibyte = hasMultibyte
        self.isValid = isValid
    }

    /// The scan of the bytes of a large document from an offset on, run on another thread.
    final class Pending: @unchecked Sendable {
        private let group = DispatchGroup()
        /// Written by the scanning thread before it leaves `group`, read after waiting on it.
        private var scan: UTF8Scan?

        init(_ data: Data, from start: Int, releasing: Bool) {
            group.enter()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                scan = data.withUnsafeBytes { UTF8Scan(UnsafeRawBufferPointer(rebasing: $0[start...]), releasing: releasing) }
                group.leave()
            }
        }

        /// The scan's result, once it has finished.
        var result: UTF8Scan {
            group.wait()
            return scan!
        }
    }
}
