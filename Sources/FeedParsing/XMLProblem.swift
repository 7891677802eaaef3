import CLibXML2

/// One problem libxml2 reported while reading a document (or one the reader adds: a depth
/// limit, a halted converter).
struct XMLProblem {
    var message: String
    var line: Int
    var code: Int32
    /// Whether the read stopped there (libxml2's fatal errors, and the errors it reports as
    /// such in recover mode). A namespace error — a prefix declared nowhere, as hand-written
    /// feeds write `<media:content>` — is not: libxml2 reads on, and the element keeps the
    /// name it was written with.
    var isFatal: Bool
}

extension XMLProblem {
    /// The problem libxml2 reported in `error`.
    init(_ error: xmlError) {
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        self.init(message: message, line: Int(error.line), code: Int32(error.code),
                  isFatal: error.level.rawValue >= XML_ERR_ERROR.rawValue
                      && error.domain != Int32(XML_FROM_NAMESPACE.rawValue))
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
