import Foundation

/// What a run leaves in a site besides its feeds: the store, and temporary files.
extension SiteFolder {
    /// `feedsmith articles`: the store as JSON Feed, sorted, so equal stores give equal text.
    func articles() throws -> String {
        let result = try Shell.feedsmith(["articles", "--site", "."], in: url)
        guard result.status == 0 else { throw CheckFailure(message: "feedsmith articles: \(result.stderr)") }
        return result.stdout
    }

    /// SQLite's `PRAGMA integrity_check` of the store, through Python's sqlite3 (not our code):
    /// "ok" when the database is sound.
    func integrityCheck() throws -> String {
        let script = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])"
        let result = try Shell.run("python3", ["-c", script, url.appendingPathComponent("feedsmith.sqlite").path])
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .newlines) : "python3: \(result.stderr)"
    }

    /// Temporary files (`.NAME….tmp`, and Foundation's `.dat.nosync…`) in the site folder and
    /// under `output/`.
    func leftovers() -> [String] {
        let top = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return (top + outputFiles().map { "output/" + $0 }).filter(Self.isTemporary)
    }

    /// Puts `items` (files or folders of the site) back as they are in `other` (removed when
    /// `other` has none), and removes temporary files.
    func restore(_ items: [String], from other: SiteFolder) throws {
        for path in leftovers() { try FileManager.default.removeItem(at: url.appendingPathComponent(path)) }
        for item in items {
            try? FileManager.default.removeItem(at: url.appendingPathComponent(item))
            guard FileManager.default.fileExists(atPath: other.url.appendingPathComponent(item).path) else { continue }
            let copy = try Shell.run("cp", ["-a", other.url.appendingPathComponent(item).path, url.path + "/"])
            guard copy.status == 0 else { throw CheckFailure(message: "cp -a: \(copy.stderr)") }
        }
    }

    /// The lines of a run's stderr that are not `SOURCE: warning: …` (make-corpus feeds repeat
    /// URLs on purpose, and the parser says so).
    static func problems(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { !$0.contains(": warning: ") }
    }

    static func isTemporary(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasPrefix(".") && name.hasSuffix(".tmp") || name.hasPrefix(".dat.nosync")
    }
}
