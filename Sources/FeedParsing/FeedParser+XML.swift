import CLibXML2
import Foundation

/// The XML path: encoding repairs, a strict streaming pass, and libxml2's recover mode as the
/// fallback when the strict pass stops before the end of the document. Items go to `each` as
/// they end; the recover pass re-reads the document and passes on only the items after those
/// the strict pass already gave (up to the first error the two passes read the same).
extension FeedParser {
    /// Receives each item; the channel read so far comes with a pass's first item only (the
    /// article context is fixed then), so it is not copied for every item.
    typealias ItemHandler = (FeedFormatKind, ChannelDraft?, __owned ItemDraft) -> Void

    func readXML(_ data: Data, url: String?, contentType: String?, base: String?, mapped: Bool,
                 textBuffers: ItemTextBuffers? = nil, each: ItemHandler) throws(FeedParseError)
        -> (FeedFormatKind, ChannelDraft, [String]) {
        var input = XMLInput(data, contentType: contentType, mapped: mapped)
        var strict = try pass(input, url: url, base: base, recover: false, skip: 0,
                              textBuffers: textBuffers, each: each)
        // The byte repairs wait for a read that stops on an error (libxml2 stops at the first
        // bare `&`, undefined entity or forbidden control): the repaired document is read
        // again after the items already given, which come before that byte and read the same.
        if strict.problems.contains(where: \.isFatal), input.settle() {
            let again = try pass(input, url: url, base: base, recover: false, skip: strict.itemCount,
                             textBuffers: textBuffers, each: each)
            if again.format != nil, again.itemCount >= strict.itemCount { strict = again }
        }
        var warnings = input.warnings
        let fatal = strict.problems.first { $0.isFatal }
        var chosen = strict
        var recovery: String?
        if let fatal {
            // Truncated downloads, mismatched tags, stray `<`: recover mode keeps going.
            var trimmed = input
            trimmed.dropJunkAfterRoot()
            warnings += trimmed.warnings.dropFirst(input.warnings.count)
            let recovered = try pass(trimmed, url: url, base: base, recover: true,
                                     skip: strict.itemCount, textBuffers: textBuffers, each: each)
            if recovered.format != nil, recovered.itemCount >= strict.itemCount {
                chosen = recovered
            }
            recovery = "line \(fatal.line): \(fatal.message) (recovered \(chosen.itemCount) items)"
        }
        // A prefix declared nowhere needs no second read: the element keeps the name it was
        // written with.
        if let namespace = chosen.problems.first(where: \.isNamespaceError) {
            let count = chosen.namespaceErrorCount
            warnings.append("line \(namespace.line): \(namespace.message); read by the name as written"
                + (count > 1 ? " (\(count) namespace errors in all)" : ""))
        }
        if let recovery { warnings.append(recovery) }
        if let leftOut = chosen.leftOut {
            warnings.append("line \(leftOut.line): entity '&\(leftOut.name);' declared in the DOCTYPE left out"
                + (leftOut.count > 1 ? " (\(leftOut.count) references in all)" : "")
                + "; feedsmith never expands a document's own entities")
        }
        guard let format = chosen.format else {
            if let root = chosen.rootName {
                throw FeedParseError(location: url, line: 1, reason: "not a feed: the root element is <\(root)>")
            }
            throw FeedParseError(location: url, line: fatal?.line,
                                 reason: fatal.map { "no feed found: \($0.message)" } ?? "empty document")
        }
        if chosen.itemCount == 0, chosen.channel.title == nil, let fatal {
            throw FeedParseError(location: url, line: fatal.line, reason: "nothing recoverable: \(fatal.message)")
        }
        return (format, chosen.channel, warnings)
    }
}

private extension FeedParser {
    struct Pass {
        var format: FeedFormatKind?
        var rootName: String?
        var channel: ChannelDraft
        var itemCount: Int
        var problems: [XMLProblem]
        /// How many namespace errors there were (only the first is in `problems`).
        var namespaceErrorCount: Int
        /// The line the parser stopped on.
        var lastLine: Int
        var leftOut: (count: Int, name: String, line: Int)?
    }

    // Entity references stay references (no XML_PARSE_NOENT) and no DTD is loaded, so external
    // entities (XXE) are never read; NONET keeps libxml2 off the network.
    func pass(_ input: XMLInput, url: String?, base: String?, recover: Bool, skip: Int,
              textBuffers: ItemTextBuffers?, each: ItemHandler) throws(FeedParseError) -> Pass {
        var flags = XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_NOWARNING.rawValue
        if input.encoding != nil { flags |= XML_PARSE_IGNORE_ENC.rawValue }
        if recover { flags |= XML_PARSE_RECOVER.rawValue }
        let result: Pass? = input.withBytes { bytes -> Pass? in
            guard let stream = SAXStream(bytes, url: url, encoding: input.encoding,
                                         options: Int32(flags), dropsBehind: input.isMapped,
                                         chunkSize: chunkSize)
            else { return nil }
            let reader = XMLFeedReader(stream: stream, rootBase: base, maxDepth: options.maxDepth,
                                       textIsUTF8: input.isKnownUTF8, textBuffers: textBuffers)
            var count = 0
            withoutActuallyEscaping(each) { each in
                reader.onItem = { [unowned reader] (item: __owned ItemDraft) in
                    count += 1
                    if count > skip, let format = reader.format {
                        each(format, count == skip + 1 ? reader.channel : nil, item)
                    }
                }
                reader.run()
                reader.onItem = nil
            }
            var problems = stream.problems
            // libxml2's push parser calls a file cut inside its root element "Extra content at
            // the end of the document", which a reader takes for junk after the root.
            if !reader.rootClosed, reader.format != nil, let cut = problems.firstIndex(where: \.isFatal),
               problems[cut].code == Int32(XML_ERR_DOCUMENT_END.rawValue) {
                problems[cut].message = "the document ends with elements still open, as a truncated file does"
            }
            return Pass(format: reader.format, rootName: reader.rootName, channel: reader.channel,
                        itemCount: count, problems: problems
                            + (reader.depthExceeded ? [depthProblem(stream.line)] : []),
                        namespaceErrorCount: stream.log.namespaceErrorCount,
                        lastLine: stream.line, leftOut: reader.leftOut)
        }
        guard let result else {
            throw FeedParseError(location: url, reason: "libxml2 could not open the document")
        }
        if let loop = result.problems.first(where: { Self.entityBomb.contains($0.code) }) {
            // libxml2 gives the line inside the entity's text; where the parser stopped is where it is used.
            throw FeedParseError(location: url, line: max(loop.line, result.lastLine), reason:
                "entity expansion refused (a 'billion laughs' document?): \(loop.message)")
        }
        if let deep = result.problems.first(where: { $0.code == -1 }) {
            throw FeedParseError(location: url, line: deep.line, reason: deep.message)
        }
        // libxml2's own limit (256 levels) when it comes before ours.
        if let deep = result.problems.first(where: { $0.message.hasPrefix("Excessive depth in document") }) {
            throw FeedParseError(location: url, line: deep.line,
                                 reason: "elements nested deeper than \(min(options.maxDepth, 256))")
        }
        return result
    }

    /// XML_ERR_ENTITY_LOOP and the amplification errors newer libxml2 reports.
    static let entityBomb: Set<Int32> = [Int32(XML_ERR_ENTITY_LOOP.rawValue), 110]

    func depthProblem(_ line: Int) -> XMLProblem {
        XMLProblem(message: "elements nested deeper than \(options.maxDepth)", line: line,
                          code: -1, isFatal: true)
    }
}
