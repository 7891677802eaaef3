import Foundation
import GRDB

/// A store that cannot be opened, read or written: its path and SQLite's reason.
public struct StoreError: Error, LocalizedError, Sendable, Hashable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, _ error: any Error) {
        if let error = error as? StoreError {
            self = error
        } else if let error = error as? DatabaseError {
            self.init(path: path, reason: "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error)")")
        } else {
            self.init(path: path, reason: "\(error)")
        }
    }

    public var errorDescription: String? { "\(path): error: \(reason)" }
}
