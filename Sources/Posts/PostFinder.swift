import Foundation

/// Finds a site's post files the way Jekyll does: every posts folder (`_posts`) in the site,
/// the folders above it naming categories. Folders whose names start with `.` or `_` (`.git`,
/// `_drafts`, `_site`) and the excluded paths are never searched; symbolic links are not followed.
public struct PostFinder: Sendable {
    public var root: URL
    public var postsFolder: String
    /// Relative paths that are skipped with everything under them.
    public var exclude: Set<String>

    public init(root: URL, postsFolder: String, exclude: [String]) {
        self.root = root
        self.postsFolder = postsFolder
        self.exclude = Set(exclude.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "/")) })
    }

    /// Every regular file in the posts folders, with its stamp, in the order the folders list
    /// them (names starting with `.` left out).
    public func list() -> PostListing {
        var listing = PostListing()
        searchSite(relative: "", listing: &listing)
        return listing
    }

    /// The post files and the files in posts folders that are not posts, each sorted by path.
    public func find() -> (posts: [PostFile], ignored: [String]) {
        let listing = list()
        var posts: [PostFile] = []
        var ignored: [String] = []
        for file in listing.files {
            if let post = listing.postFile(file) { posts.append(post) } else { ignored.append(listing.path(of: file)) }
        }
        return (posts.sorted { $0.relativePath < $1.relativePath }, ignored.sorted())
    }

    /// Whether a folder named ``postsFolder`` is anywhere ``list()`` looks; no posts folder is
    /// listed, so this costs a few directory reads whatever the number of posts.
    public func postsFolderExists(relative: String = "") -> Bool {
        let folders = Folder(path: path(of: relative), statingFiles: false).subfolders
        return folders.contains(postsFolder)
            || folders.contains { searched($0, join(relative, $0)) && postsFolderExists(relative: join(relative, $0)) }
    }
}

private extension PostFinder {
    func path(of relative: String) -> String {
        relative.isEmpty ? root.path : root.path + "/" + relative
    }

    func join(_ relative: String, _ name: String) -> String {
        relative.isEmpty ? name : relative + "/" + name
    }

    func searchSite(relative: String, listing: inout PostListing) {
        for name in Folder(path: path(of: relative), statingFiles: false).subfolders {
            let path = join(relative, name)
            if name == postsFolder {
                let folder = listing.addFolder(categories: relative.split(separator: "/").map(String.init))
                collectPosts(relative: path, folder: folder, listing: &listing)
            } else if searched(name, path) {
                searchSite(relative: path, listing: &listing)
            }
        }
    }

    /// Whether a folder other than a posts folder may hold category folders: not hidden, not
    /// Jekyll's (`_site`, `_drafts`, …), not excluded.
    func searched(_ name: String, _ path: String) -> Bool {
        !name.hasPrefix(".") && !name.hasPrefix("_") && !exclude.contains(path)
    }

    func collectPosts(relative: String, folder: Int, listing: inout PostListing) {
        let entries = Folder(path: path(of: relative), statingFiles: true)
        let prefix = Array(relative.utf8)
        entries.names.withUnsafeBytes { names in
            for (index, kind) in entries.kinds.enumerated() {
                guard case .file(let stamp) = kind, names[entries.starts[index]] != UInt8(ascii: ".") else { continue }
                let name = UnsafeRawBufferPointer(rebasing: names[entries.starts[index]..<entries.starts[index + 1] - 1])
                listing.add(prefix: prefix, name: name, folder: folder, stamp: stamp)
            }
        }
        // Hidden files and folders in a posts folder are not posts (`.DS_Store`, `.git`).
        for name in entries.subfolders where !name.hasPrefix(".") {
            collectPosts(relative: join(relative, name), folder: folder, listing: &listing)
        }
    }
}

/// One folder's entries but `.` and `..`: one `readdir`, then (for a posts folder)
/// one `fstatat` per entry, on every core for a large folder, into flat arrays: this runs for
/// every post on every build.
private struct Folder {
    enum Kind {
        case folder
        case file(FileStamp)
        /// Symbolic links (never followed), sockets, devices, and entries gone meanwhile.
        case other
    }

    /// The names, each NUL-terminated, one after another; name `i` starts at `starts[i]` and
    /// ends before `starts[i + 1] - 1`.
    var names: [UInt8] = []
    var starts: [Int] = [0]
    var kinds: [Kind] = []

    /// Without `statingFiles`, only the folder's subfolders are known (files are `.other`).
    init(path: String, statingFiles: Bool) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var unknown: [Int] = []
        while let entry = readdir(directory) {
            let type = entry.pointee.d_type
            let isDots = withUnsafeBytes(of: entry.pointee.d_name) { name in
                names.append(contentsOf: name.prefix { $0 != 0 })
                return name[0] == UInt8(ascii: ".") && (name[1] == 0 || name[1] == UInt8(ascii: ".") && name[2] == 0)
            }
            if isDots {
                names.removeSubrange(starts[starts.count - 1]...)
                continue
            }
            names.append(0)
            starts.append(names.count)
            switch Int(type) {
            case Int(DT_DIR): kinds.append(.folder)
            case Int(DT_REG) where statingFiles, Int(DT_UNKNOWN):
                kinds.append(.other)
                unknown.append(kinds.count - 1)
            default: kinds.append(.other)
            }
        }
        stampFiles(unknown, in: dirfd(directory))
    }

    var subfolders: [String] {
        kinds.indices.compactMap { index in
            guard case .folder = kinds[index] else { return nil }
            return String(decoding: names[starts[index]..<starts[index + 1] - 1], as: UTF8.self)
        }
    }

    /// Stats the entries at `indices` (relative to the folder `descriptor`), on every core when
    /// there are many.
    mutating func stampFiles(_ indices: [Int], in descriptor: Int32) {
        guard !indices.isEmpty else { return }
        let workers = indices.count >= 4_096 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        let chunk = (indices.count + workers - 1) / workers
        let starts = starts
        names.withUnsafeBytes { names in
            kinds.withUnsafeMutableBufferPointer { kinds in
                // Each worker writes its own entries of `kinds` only.
                let shared = Shared(names: names, kinds: kinds)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var info = stat()
                    for index in indices[min(indices.count, worker * chunk)..<min(indices.count, (worker + 1) * chunk)] {
                        let name = shared.names.baseAddress!.advanced(by: starts[index]).assumingMemoryBound(to: CChar.self)
                        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                        switch info.st_mode & S_IFMT {
                        case S_IFDIR: shared.kinds[index] = .folder
                        case S_IFREG: shared.kinds[index] = .file(FileStamp(info))
                        default: break
                        }
                    }
                }
            }
        }
    }

    /// The buffers the workers of ``stampFiles(_:in:)`` share, each writing entries no other writes.
    struct Shared: @unchecked Sendable {
        let names: UnsafeRawBufferPointer
        let kinds: UnsafeMutableBufferPointer<Kind>
    }
}
