import CLibXML2
import Glibc

/// A thin owner of one libxml2 `xmlTextReader`: reads the document as a stream of nodes and
/// collects its errors, so no DOM of the feed is ever built. OPML lists are read with it;
/// feeds, where speed matters, with ``SAXStream``.
final class XMLStream {
    enum NodeType: Int32 {
        case element = 1, text = 3, cdata = 4, entityReference = 5, whitespace = 13,
             significantWhitespace = 14, endElement = 15, other = -1
    }

    /// One problem libxml2 reported.
    struct Problem {
        var message: String
        var line: Int
        var code: Int32
        var isFatal: Bool
    }

    private let reader: xmlTextReaderPtr
    private(set) var problems: [Problem] = []
    /// Hands a file mapping's pages back to the kernel as the reader moves on, so a large
    /// feed's memory stays flat; does nothing for memory the caller owns.
    private var pages: PageReleaser
    /// Names and namespace URIs by address: the reader hands them out from its dictionary,
    /// one address per distinct string for the reader's life, so each is decoded once.
    private var names: [UnsafeRawPointer: String] = [:]
    private var readsSinceRelease = 0

    /// Opens `bytes` (kept alive by the caller while reading) with libxml2 `options`.
    /// `dropsBehind` says `bytes` is a read-only file mapping (see ``MappedFile``).
    init?(_ bytes: UnsafeRawBufferPointer, url: String?, encoding: String?, options: Int32,
          dropsBehind: Bool = false) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
              let reader = xmlReaderForMemory(base, Int32(clamping: bytes.count), url, encoding,
                                              options) else { return nil }
        self.reader = reader
        pages = PageReleaser(bytes, isEnabled: dropsBehind)
        // Errors raised outside the reader's context (encoding conversion) go to libxml2's
        // per-thread handler, which prints to stderr: silence it; the reader's own handler below
        // collects what the caller reports.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        feedsmith_silence_generic_errors()
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let stream = Unmanaged<XMLStream>.fromOpaque(context).takeUnretainedValue()
            stream.record(error.pointee)
        }, context)
    }

    deinit { xmlFreeTextReader(reader) }

    /// Advances to the next node: true while there is one, false at the end or on an error.
    func read() -> Bool {
        if pages.isEnabled {
            readsSinceRelease += 1
            if readsSinceRelease == 4096 { releaseReadPages() }
        }
        let status = xmlTextReaderRead(reader)
        // -1 is an error; some (encoding conversion) reach no error handler, so say it here.
        if status == -1, !problems.contains(where: \.isFatal) {
            problems.append(Problem(message: "the reader stopped: bytes that are not valid in the document's encoding",
                                    line: line, code: -2, isFatal: true))
        }
        return status == 1
    }

    var nodeType: NodeType { NodeType(rawValue: xmlTextReaderNodeType(reader)) ?? .other }
    var depth: Int { Int(xmlTextReaderDepth(reader)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var localName: String { interned(xmlTextReaderConstLocalName(reader)) ?? "" }
    var qualifiedName: String { interned(xmlTextReaderConstName(reader)) ?? "" }
    var namespaceURI: String? { interned(xmlTextReaderConstNamespaceUri(reader)) }
    var value: String? { string(xmlTextReaderConstValue(reader)) }
    var hasAttributes: Bool { xmlTextReaderHasAttributes(reader) == 1 }
    /// The line of the current node (the parser itself has read ahead), for messages.
    var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = xmlGetLineNo(node)
            if line > 0 { return Int(line) }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// The attribute by qualified name (`xml:base`, `isPermaLink`, `rdf:resource`).
    func attribute(_ name: String) -> String? {
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return value ?? ""
    }

    /// Every attribute of the current element as (qualified name, value), in document order.
    func attributes() -> [(String, String)] {
        var out: [(String, String)] = []
        guard hasAttributes else { return out }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if let name = string(xmlTextReaderConstName(reader)) {
                out.append((name, value ?? ""))
            }
        }
        xmlTextReaderMoveToElement(reader)
        return out
    }
}

private extension XMLStream {
    /// Lets go of the mapping's pages more than 4 MiB behind the reader.
    func releaseReadPages() {
        readsSinceRelease = 0
        pages.release(upTo: Int(xmlTextReaderByteConsumed(reader)) - 4 << 20)
    }

    func interned(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = names[UnsafeRawPointer(pointer)] { return known }
        let name = String(cString: pointer)
        if names.count < 4096 { names[UnsafeRawPointer(pointer)] = name }
        return name
    }

    func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    func record(_ error: xmlError) {
        guard problems.count < 50 else { return }  // A broken feed repeats itself.
        problems.append(Problem(error))
    }
}
