import FeedModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers GET and HEAD with files of the output folder: conditional requests first (RFC 9110
/// §13: `If-None-Match`, else `If-Modified-Since`), then the file, gzipped when the client
/// accepts it. Each representation has its own strong ETag, a digest of its bytes.
struct OutputResponder: HTTPResponder {
    typealias Context = ServeContext

    let files: OutputFiles
    let log: @Sendable (String) -> Void

    func respond(to request: Request, context: ServeContext) async throws -> Response {
        let response = answer(request)
        log(AccessLog.line(request, response, from: context.remoteAddress))
        return response
    }

    func answer(_ request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.plain(.methodNotAllowed, "only GET and HEAD\n", headers: [.allow: "GET, HEAD"])
        }
        guard let file = files.file(for: request.uri.path) else { return Self.plain(.notFound, "not found\n") }
        let gzipped = Self.acceptsGzip(request.headers[.acceptEncoding] ?? "") ? Gzip.compress(file.bytes) : nil
        let body = gzipped ?? file.bytes
        let type = MediaType.of(file.path, accept: request.headers[.accept] ?? "")
        // Each representation its own strong tag: gzip, and a feed sent to a browser as XML.
        let variant = (gzipped == nil ? "" : "-gzip") + (type == MediaType.of(file.path) ? "" : "-xml")
        let tag = "\"" + ContentDigest(hashing: file.bytes).hex + variant + "\""
        var headers: HTTPFields = [
            .contentType: type,
            .eTag: tag,
            .lastModified: HTTPDate.string(file.modified),
            .vary: MediaType.isXMLFeed(file.path) ? "Accept, Accept-Encoding" : "Accept-Encoding",
            .cacheControl: "no-cache",
        ]
        if gzipped != nil { headers[.contentEncoding] = "gzip" }
        if Self.notModified(request, tag: tag, modified: file.modified) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(body.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension OutputResponder {
    /// `If-None-Match` (weak comparison, as RFC 9110 asks) decides when present; otherwise
    /// `If-Modified-Since`, to the second.
    static func notModified(_ request: Request, tag: String, modified: Int) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            let opaque = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
            return match.split(separator: ",").contains { candidate in
                let trimmed = candidate.trimmingCharacters(in: .whitespaces)
                return trimmed == "*" || opaque(Substring(trimmed)) == opaque(Substring(tag))
            }
        }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.seconds) {
            return modified <= since
        }
        return false
    }

    /// Whether `gzip` is listed without `q=0`.
    static func acceptsGzip(_ header: String) -> Bool {
        header.split(separator: ",").contains { entry in
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == "gzip" || parts.first == "x-gzip" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
