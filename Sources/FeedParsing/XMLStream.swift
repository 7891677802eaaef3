import CLibXML2
import Glibc

/// A thin owner of one libxml2 `xmlTextReader`, for OPML subscription lists (small, read
/// once): reads the document as a stream of nodes and collects its errors, so no DOM is
/// built. Feeds, where speed matters, are read with ``SAXStream``.
final class XMLStream {
    enum NodeType: Int32 {
        case element = 1, text = 3, cdata = 4, entityReference = 5, whitespace = 13,
             significantWhitespace = 14, endElement = 15, other = -1
    }

    private let reader: xmlTextReaderPtr
    private var log = ProblemLog()
    var problems: [XMLProblem] { log.problems }
    /// Names by address: the reader hands them out from its dictionary.
    private var names = InternedNames()

    /// Opens `bytes` (kept alive by the caller while reading) with libxml2 `options`.
    init?(_ bytes: UnsafeRawBufferPointer, url: String?, options: Int32) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
              let reader = xmlReaderForMemory(base, Int32(clamping: bytes.count), url, nil, options)
        else { return nil }
        self.reader = reader
        // Errors raised outside the reader's context (encoding conversion) go to libxml2's
        // per-thread handler, which prints to stderr: silence it; the reader's own handler below
        // collects what the caller reports.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        feedsmith_silence_generic_errors()
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let stream = Unmanaged<XMLStream>.fromOpaque(context).takeUnretainedValue()
            stream.log.record(error.pointee)
        }, context)
    }

    deinit { xmlFreeTextReader(reader) }

    /// Advances to the next node: true while there is one, false at the end or on an error.
    func read() -> Bool {
        let status = xmlTextReaderRead(reader)
        // -1 is an error; some (encoding conversion) reach no error handler, so say it here.
        if status == -1 { log.noteSilentStop(by: "reader", line: line) }
        return status == 1
    }

    var nodeType: NodeType { NodeType(rawValue: xmlTextReaderNodeType(reader)) ?? .other }
    var depth: Int { Int(xmlTextReaderDepth(reader)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var localName: String { names.string(xmlTextReaderConstLocalName(reader)) ?? "" }
    /// The line of the current node (the parser itself has read ahead), for messages.
    var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = xmlGetLineNo(node)
            if line > 0 { return Int(line) }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// The attribute by qualified name.
    func attribute(_ name: String) -> String? {
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }
}
