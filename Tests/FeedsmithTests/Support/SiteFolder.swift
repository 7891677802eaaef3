import Foundation

/// A site copied into a fresh temporary folder, so each test builds its own.
struct SiteFolder {
    let url: URL

    /// Copies `Fixtures/sites/<name>` (or, for "example", the repository's own example site).
    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedsmith-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if name == "example" {
            for item in ["feeds.yml", "_posts", "_drafts", "finance", "img"] {
                let source = Shell.repository.appendingPathComponent(item)
                if FileManager.default.fileExists(atPath: source.path) {
                    try FileManager.default.copyItem(at: source, to: url.appendingPathComponent(item))
                }
            }
        } else {
            let source = Bundle.module.url(forResource: "Fixtures/sites/\(name)", withExtension: nil)!
            for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
                try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: url.appendingPathComponent(item))
            }
        }
    }

    /// A copy of `other` as it is now, modification times kept (`cp -a`).
    init(copying other: SiteFolder) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedsmith-test-\(UUID().uuidString)", isDirectory: true)
        let copy = try Shell.run("cp", ["-a", other.url.path, url.path])
        guard copy.status == 0 else { throw CheckFailure(message: "cp -a: \(copy.stderr)") }
    }

    var output: URL { url.appendingPathComponent("output") }

    /// The bytes of every file under `output/`, by relative path.
    func outputBytes() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in outputFiles() { files[path] = try Data(contentsOf: output.appendingPathComponent(path)) }
        return files
    }

    func write(_ text: String, to relative: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Every file under `output/`, relative, sorted.
    func outputFiles() -> [String] {
        Self.files(under: output)
    }

    static func files(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    /// Modification times of every output file.
    func outputTimes() throws -> [String: Date] {
        var times: [String: Date] = [:]
        for path in outputFiles() {
            let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)
            times[path] = attributes[.modificationDate] as? Date
        }
        return times
    }

    func build() throws -> Shell.Result {
        try Shell.feedsmith(["build", "--site", url.path], in: url)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
