import CLibXML2
import Glibc

/// libxml2's SAX2 push parser over one document, fed in chunks: each element, run of text and
/// entity reference goes straight to the ``XMLFeedReader`` as the parser meets it. No node is
/// built (xmlTextReader, used before, builds and frees one per event).
///
/// Entities a DOCTYPE declares are never expanded into the text: libxml2 still parses each
/// once to check it (which is where a 'billion laughs' loop is caught), on a context of its
/// own whose events are ignored here, and every use reaches the reader as a reference.
final class SAXStream {
    /// What libxml2 reported (see ``ProblemLog``).
    private(set) var log = ProblemLog()
    var problems: [XMLProblem] { log.problems }
    let context: xmlParserCtxtPtr
    private let bytes: UnsafeRawBufferPointer
    /// Hands a file mapping's pages back to the kernel once libxml2 has copied them in.
    private var pages: PageReleaser
    private var stopped = false
    /// Receives the events; set by the reader before ``run()``, which it outlives. Unmanaged
    /// and borrowed at each event (``withReader(_:_:)``): an `unowned(unsafe)` reference bound
    /// to a local was retained and released at every event.
    var reader: Unmanaged<XMLFeedReader>?

    /// The element being started or ended, valid only inside the reader's callbacks.
    private var localNamePointer: UnsafePointer<xmlChar>?
    private var prefixPointer: UnsafePointer<xmlChar>?
    private var namespacePointer: UnsafePointer<xmlChar>?
    /// libxml2's attribute array: five pointers each (local name, prefix, URI, value, end).
    private(set) var attributePointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    private(set) var attributeCount = 0
    /// Whether nothing came between the last start tag and now (`<br/>`, `<br></br>`).
    private var nothingSinceStart = false
    /// Names and namespace URIs by address: libxml2 interns them in its dictionary.
    private var names = InternedNames()

    /// How much of the document libxml2 is given at a time.
    private let chunkSize: Int

    /// libxml2 copies what it is given: 4 MiB at a time keeps that copy small, stays under its
    /// 10 MB single-read limit, and keeps the push parser's rescans of a long CDATA section few.
    static let defaultChunkSize = 4 << 20

    /// Opens `bytes` (kept alive by the caller while reading) with libxml2 `options`, read in
    /// `encoding` when given. `dropsBehind` says `bytes` is a read-only file mapping.
    init?(_ bytes: UnsafeRawBufferPointer, url: String?, encoding: String?, options: Int32,
          dropsBehind: Bool = false, chunkSize: Int = SAXStream.defaultChunkSize) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        SAXStream.install(&handler)
        let first = Int32(min(4, bytes.count))
        // The user data is the context itself (libxml2's own DTD handlers expect that); the
        // stream is found through the context's private pointer.
        guard let context = xmlCreatePushParserCtxt(&handler, nil, base, first, url) else { return nil }
        self.context = context
        self.bytes = bytes
        self.chunkSize = chunkSize
        pages = PageReleaser(bytes, isEnabled: dropsBehind)
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        xmlCtxtUseOptions(context, options)
        if let encoding, let converter = xmlFindCharEncodingHandler(encoding) {
            xmlSwitchToEncoding(context, converter)
        }
        // Errors raised outside a context (encoding conversion) go to libxml2's per-thread
        // handlers, which print to stderr: silence them; the context's own handler collects.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        feedsmith_silence_generic_errors()
    }

    deinit {
        if let document = context.pointee.myDoc {
            xmlFreeDoc(document)  // The DTD's entity declarations, kept by libxml2's handlers.
            context.pointee.myDoc = nil
        }
        xmlFreeParserCtxt(context)
    }

    /// Feeds the whole document through the parser, to its end, a fatal error or ``stop()``.
    func run() {
        var offset = min(4, bytes.count)
        let base = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
        while offset < bytes.count, !stopped, context.pointee.disableSAX == 0 {
            let size = min(chunkSize, bytes.count - offset)
            xmlParseChunk(context, base + offset, Int32(size), 0)
            offset += size
            pages.release(upTo: offset)
        }
        if !stopped, context.pointee.disableSAX == 0 { xmlParseChunk(context, nil, 0, 1) }
        // libxml2 halts on bytes its converter rejects without reporting it to any handler.
        let halted = context.pointee.disableSAX != 0 && !stopped
        if context.pointee.wellFormed == 0 || halted { log.noteSilentStop(by: "parser", line: line) }
    }

    /// Ends the parse early (the reader's depth limit).
    func stop() {
        stopped = true
        xmlStopParser(context)
    }

    /// Whether libxml2 still reads the document as UTF-8 (it switches to Latin-1 for good after
    /// bytes that are not UTF-8).
    var readsUTF8: Bool { context.pointee.charset == Int32(XML_CHAR_ENCODING_UTF8.rawValue) }

    /// The line the parser is on: at a start tag, the line of its closing `>`.
    var line: Int { Int(xmlSAX2GetLineNumber(context)) }
    var localName: String { interned(localNamePointer) ?? "" }
    /// The name to write back in markup: `prefix:local` when the prefix is declared nowhere
    /// (Word's `<o:p>` in raw HTML descriptions), which is how the element reads without
    /// namespaces; the local name otherwise.
    var markupName: String {
        guard namespacePointer == nil, let prefix = interned(prefixPointer) else { return localName }
        return prefix + ":" + localName
    }
    var namespaceURI: String? { interned(namespacePointer) }
    var qualifiedName: String {
        guard let prefix = interned(prefixPointer) else { return localName }
        return prefix + ":" + localName
    }
    var hasAttributes: Bool { attributeCount > 0 }
    /// The current element's name, prefix and namespace as libxml2's interned addresses: the
    /// same three for every element of that name in the parse.
    var identity: (local: UnsafeRawPointer?, prefix: UnsafeRawPointer?, namespace: UnsafeRawPointer?) {
        (localNamePointer.map(UnsafeRawPointer.init), prefixPointer.map(UnsafeRawPointer.init),
         namespacePointer.map(UnsafeRawPointer.init))
    }
}

extension SAXStream {
    /// The string of one of libxml2's interned names.
    func interned(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        names.string(pointer)
    }
}

private extension SAXStream {
    /// Calls `body` with the stream behind a callback's context, borrowed (the stream outlives
    /// its parse): a strong reference was a retain and a release at every event. Nothing for
    /// the contexts libxml2 makes to check a declared entity's text, whose events are not the
    /// document's.
    @inline(__always)
    static func with(_ context: UnsafeMutableRawPointer?, orEntityCheck: Bool = false,
                     _ body: (SAXStream) -> Void) {
        guard let context = context?.assumingMemoryBound(to: xmlParserCtxt.self),
              let owner = context.pointee._private else { return }
        Unmanaged<SAXStream>.fromOpaque(owner)._withUnsafeGuaranteedRef { stream in
            if orEntityCheck || stream.context == context { body(stream) }
        }
    }

    /// Calls `body` with the stream behind a callback's context and its reader, both borrowed;
    /// nothing when there is no reader.
    @inline(__always)
    static func withReader(_ context: UnsafeMutableRawPointer?, _ body: (SAXStream, XMLFeedReader) -> Void) {
        with(context) { stream in stream.reader?._withUnsafeGuaranteedRef { body(stream, $0) } }
    }

    static func install(_ handler: inout xmlSAXHandler) {
        handler.startElement = nil
        handler.endElement = nil
        handler.comment = nil
        handler.processingInstruction = nil
        handler.startElementNs = { context, localName, prefix, uri, _, _, count, defaulted, attributes in
            SAXStream.withReader(context) { stream, reader in
                stream.localNamePointer = localName
                stream.prefixPointer = prefix
                stream.namespacePointer = uri
                stream.attributePointers = attributes
                // Defaults a DOCTYPE's `<!ATTLIST>` adds come last: only what the document wrote counts.
                stream.attributeCount = Int(count - defaulted)
                stream.nothingSinceStart = true
                reader.elementStarted()
                stream.attributeCount = 0
                if reader.depthExceeded { stream.stop() }
            }
        }
        handler.endElementNs = { context, localName, prefix, uri in
            SAXStream.withReader(context) { stream, reader in
                stream.localNamePointer = localName
                stream.prefixPointer = prefix
                stream.namespacePointer = uri
                let empty = stream.nothingSinceStart
                stream.nothingSinceStart = false
                reader.elementEnded(empty: empty)
            }
        }
        let characters: charactersSAXFunc = { context, text, length in
            guard let text else { return }
            SAXStream.withReader(context) { stream, reader in
                stream.nothingSinceStart = false
                reader.text(UnsafeBufferPointer(start: text, count: Int(length)))
            }
        }
        handler.characters = characters
        handler.cdataBlock = characters
        handler.ignorableWhitespace = characters
        handler.reference = { context, name in
            guard let name else { return }
            SAXStream.withReader(context) { stream, reader in
                stream.nothingSinceStart = false
                reader.entityReference(String(cString: name))
            }
        }
        handler.getEntity = { context, name in
            guard let name else { return nil }
            if let predefined = xmlGetPredefinedEntity(name) { return predefined }
            guard let entity = xmlSAX2GetEntity(context, name) else { return nil }
            // A declared entity with "content" already is only referred to, never re-parsed
            // into the text on each use (which is quadratic for one large entity used often).
            if entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, entity.pointee.children == nil {
                entity.pointee.children = placeholderNode
                entity.pointee.last = placeholderNode
            }
            return entity
        }
        handler.serror = { context, error in
            guard let error else { return }
            SAXStream.with(context, orEntityCheck: true) { $0.log.record(error.pointee) }
        }
    }
}

/// The stand-in content of declared entities (see `getEntity`): a node with no parent, which
/// libxml2 therefore never frees with the entity.
private nonisolated(unsafe) let placeholderNode: UnsafeMutablePointer<xmlNode> = {
    let node = UnsafeMutablePointer<xmlNode>.allocate(capacity: 1)
    node.initialize(to: xmlNode())
    return node
}()
