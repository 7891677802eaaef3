import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTPCompression
import NIOPosix

extension FetchError {
    /// The error for a failure thrown by the HTTP client or the total timeout, in a user's words.
    init(url: String, failure: any Error, options: FetchOptions) {
        let (kind, reason) = Self.explain(failure, options: options)
        self.init(url: url, kind: kind, reason: reason)
    }
}

private extension FetchError {
    static func explain(_ failure: any Error, options: FetchOptions) -> (Kind, String) {
        switch failure {
        case is TotalTimeout:
            return (.timeout, "no complete answer within \(options.totalTimeoutText) (the total timeout)")
        case let error as HTTPClientError:
            return explain(error, options: options)
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return (.connection, "cannot resolve the host name \(error.host)")
            }
            let refused = error.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
            if refused { return (.connection, "connection refused by \(error.host):\(error.port)") }
            return (.connection, "cannot connect to \(error.host):\(error.port)")
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return (.connection, "connection refused")
        case let error as NIOHTTPDecompression.DecompressionError:
            if error == .limit {
                return (.tooLarge, "the feed is larger than the size limit of \(options.sizeLimitText) once decompressed; reading stopped")
            }
            return (.badEncoding, "the body's gzip or deflate encoding is broken")
        case is NIOHTTPDecompression.ExtraDecompressionError:
            return (.badEncoding, "the body's gzip or deflate encoding is broken")
        case is CancellationError:
            return (.timeout, "the fetch was cancelled")
        default:
            return (.connection, "cannot fetch: \(failure)")
        }
    }

    static func explain(_ error: HTTPClientError, options: FetchOptions) -> (Kind, String) {
        if error == .connectTimeout {
            return (.connection, "cannot connect within \(options.connectTimeoutText) (the connect timeout)")
        }
        if error == .deadlineExceeded || error == .readTimeout {
            return (.timeout, "no complete answer within \(options.totalTimeoutText) (the total timeout)")
        }
        if error == .remoteConnectionClosed {
            return (.connection, "the server closed the connection before the answer was complete")
        }
        if error == .tlsHandshakeTimeout {
            return (.connection, "the TLS handshake did not finish in time")
        }
        return (.connection, "cannot fetch: \(error)")
    }
}
