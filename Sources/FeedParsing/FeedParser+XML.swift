import CLibXML2
import Foundation

/// The XML path: encoding repairs, a strict streaming pass, and libxml2's recover mode as the
/// fallback when the strict pass stops before the end of the document.
extension FeedParser {
    func readXML(_ data: Data, url: String?, contentType: String?, base: String?,
                 warnings: inout [String]) throws(FeedParseError) -> (FeedFormatKind, ChannelDraft) {
        let input = XMLInput(data, contentType: contentType)
        warnings += input.warnings
        let strict = try pass(input, url: url, base: base, recover: false)
        let fatal = strict.problems.first { $0.isFatal }
        var chosen = strict
        if let fatal {
            // Truncated downloads, mismatched tags, stray `<`: recover mode keeps going.
            var trimmed = input
            trimmed.dropJunkAfterRoot()
            warnings += trimmed.warnings.dropFirst(input.warnings.count)
            let recovered = try pass(trimmed, url: url, base: base, recover: true)
            if recovered.format != nil, recovered.channel.items.count >= strict.channel.items.count {
                chosen = recovered
            }
            warnings.append("line \(fatal.line): \(fatal.message) (recovered \(chosen.channel.items.count) items)")
        }
        guard let format = chosen.format else {
            if let root = chosen.rootName {
                throw FeedParseError(location: url, line: 1, reason: "not a feed: the root element is <\(root)>")
            }
            throw FeedParseError(location: url, line: fatal?.line,
                                 reason: fatal.map { "no feed found: \($0.message)" } ?? "empty document")
        }
        if chosen.channel.items.isEmpty, chosen.channel.title == nil, let fatal {
            throw FeedParseError(location: url, line: fatal.line, reason: "nothing recoverable: \(fatal.message)")
        }
        return (format, chosen.channel)
    }
}

private extension FeedParser {
    struct Pass {
        var format: FeedFormatKind?
        var rootName: String?
        var channel: ChannelDraft
        var rootClosed: Bool
        var problems: [XMLStream.Problem]
    }

    // Entity references stay references (no XML_PARSE_NOENT) and no DTD is loaded, so external
    // entities (XXE) are never read; NONET keeps libxml2 off the network.
    func pass(_ input: XMLInput, url: String?, base: String?, recover: Bool) throws(FeedParseError) -> Pass {
        var flags = XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_NOWARNING.rawValue
        if input.encoding != nil { flags |= XML_PARSE_IGNORE_ENC.rawValue }
        if recover { flags |= XML_PARSE_RECOVER.rawValue }
        let result: Pass? = input.bytes.withUnsafeBytes { bytes -> Pass? in
            guard let stream = XMLStream(bytes, url: url, encoding: input.encoding,
                                         options: Int32(flags)) else { return nil }
            let reader = XMLFeedReader(stream: stream, rootBase: base, maxDepth: options.maxDepth)
            reader.run()
            return Pass(format: reader.format, rootName: reader.rootName, channel: reader.channel,
                        rootClosed: reader.rootClosed, problems: stream.problems
                            + (reader.depthExceeded ? [depthProblem(stream.line)] : []))
        }
        guard let result else {
            throw FeedParseError(location: url, reason: "libxml2 could not open the document")
        }
        if let loop = result.problems.first(where: { Self.entityBomb.contains($0.code) }) {
            throw FeedParseError(location: url, line: loop.line, reason:
                "entity expansion refused (a 'billion laughs' document?): \(loop.message)")
        }
        if let deep = result.problems.first(where: { $0.code == -1 }) {
            throw FeedParseError(location: url, line: deep.line, reason: deep.message)
        }
        return result
    }

    /// XML_ERR_ENTITY_LOOP and the amplification errors newer libxml2 reports.
    static let entityBomb: Set<Int32> = [Int32(XML_ERR_ENTITY_LOOP.rawValue), 110]

    func depthProblem(_ line: Int) -> XMLStream.Problem {
        XMLStream.Problem(message: "elements nested deeper than \(options.maxDepth)", line: line,
                          code: -1, isFatal: true)
    }
}
