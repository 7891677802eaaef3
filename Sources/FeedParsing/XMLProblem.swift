import CLibXML2

/// One problem libxml2 reported while reading a document (or one the reader adds: a depth
/// limit, a halted converter).
struct XMLProblem {
    var message: String
    var line: Int
    var code: Int32
    /// An error (level ERROR or FATAL) outside the namespace domain: a reason for the strict
    /// read to give way to recover mode.
    var isFatal: Bool
    /// A namespace error, such as a prefix declared nowhere (hand-written feeds write
    /// `<media:content>` without `xmlns:media`): libxml2 reads on, with the same events as in
    /// recover mode, and the element keeps the name it was written with.
    var isNamespaceError = false
}

extension XMLProblem {
    /// The problem libxml2 reported in `error`.
    init(_ error: xmlError) {
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        let isError = error.level.rawValue >= XML_ERR_ERROR.rawValue
        let isNamespace = error.domain == Int32(XML_FROM_NAMESPACE.rawValue)
        self.init(message: message, line: Int(error.line), code: Int32(error.code),
                  isFatal: isError && !isNamespace, isNamespaceError: isError && isNamespace)
    }
}

/// The problems of one read, as both streams keep them: the first 50 errors, plus the first
/// namespace error whatever came before it and a count of them all (a feed repeats its
/// undeclared prefix on every item, and would otherwise crowd out the error that stopped the
/// read). Warnings, which reach the handler even with `XML_PARSE_NOWARNING`, are left out.
struct ProblemLog {
    private(set) var problems: [XMLProblem] = []
    private(set) var namespaceErrorCount = 0
    private var errorCount = 0

    mutating func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let problem = XMLProblem(error)
        if problem.isNamespaceError {
            namespaceErrorCount += 1
            if namespaceErrorCount == 1 { problems.append(problem) }
            return
        }
        guard errorCount < 50 else { return }  // A broken file repeats itself.
        errorCount += 1
        problems.append(problem)
    }

    /// libxml2 stopped without telling any handler (a converter that meets bytes it cannot
    /// read): says so, at `line`, unless a fatal problem already explains the stop.
    mutating func noteSilentStop(by reader: String, line: Int) {
        guard !problems.contains(where: \.isFatal) else { return }
        problems.append(XMLProblem(message: "the \(reader) stopped: bytes that are not valid in the document's encoding",
                                   line: line, code: -2, isFatal: true))
    }
}

/// Strings of libxml2's dictionary by address: one address per distinct name for the parse,
/// so each name is decoded once.
struct InternedNames {
    private var known: [UnsafeRawPointer: String] = [:]

    mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let name = known[UnsafeRawPointer(pointer)] { return name }
        let name = String(cString: pointer)
        if known.count < 4096 { known[UnsafeRawPointer(pointer)] = name }
        return name
    }
}
