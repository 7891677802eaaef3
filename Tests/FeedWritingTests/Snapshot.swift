import Foundation
import Testing

/// Golden files under `Fixtures/golden`. `RECORD_SNAPSHOTS=1 swift test` rewrites them in the
/// source tree (found from `#filePath`) instead of comparing; read the diff before committing.
enum Snapshot {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The golden folder in the source tree, for recording and for tools that need a path.
    static func sourceFolder(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent("golden")
    }

    /// The golden folder as the test bundle holds it.
    static var bundleFolder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("golden")
    }

    /// Compares `actual` with the golden file `name`, byte for byte, or records it.
    static func assert(_ actual: String, matches name: String, filePath: String = #filePath,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        if isRecording {
            let url = sourceFolder(filePath: filePath).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let url = bundleFolder.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(name): run RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard actual != expected else { return }
        let message = "\(name) differs from its golden file: \(firstDifference(actual, expected)) "
            + "(RECORD_SNAPSHOTS=1 swift test re-records it)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, e.count) {
            let got = index < a.count ? String(a[index]) : "<end of file>"
            let want = index < e.count ? String(e[index]) : "<end of file>"
            if got != want { return "line \(index + 1) is \(got.debugDescription), golden has \(want.debugDescription)" }
        }
        return "line endings differ"
    }
}
