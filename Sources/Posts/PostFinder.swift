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

    /// The post files, sorted by path unless `sorted` is false (sorting 100,000 paths is a
    /// tenth of a build that finds nothing changed), and the files in posts folders that are
    /// not posts, sorted.
    public func find(sorted: Bool = true) -> (posts: [PostFile], ignored: [String]) {
        var posts: [PostFile] = []
        var ignored: [String] = []
        searchSite(relative: "", posts: &posts, ignored: &ignored)
        return (sorted ? posts.sorted { $0.relativePath < $1.relativePath } : posts, ignored.sorted())
    }

    /// Whether a folder named ``postsFolder`` is anywhere ``find()`` looks; no posts folder is
    /// listed, so this costs a few directory reads whatever the number of posts.
    public func postsFolderExists(relative: String = "") -> Bool {
        let folders = entries(of: relative).filter(\.isDirectory)
        return folders.contains { $0.name == postsFolder }
            || folders.contains { searched($0.name, join(relative, $0.name)) && postsFolderExists(relative: join(relative, $0.name)) }
    }
}

private extension PostFinder {
    /// The folder's directories and regular files, with the files' stamps: one `readdir`, and
    /// one `fstatat` per entry, on every core for a large folder (this runs for every post on
    /// every build). Unsorted: ``find()`` sorts what it returns.
    func entries(of relative: String) -> [(name: String, isDirectory: Bool, stamp: FileStamp?)] {
        let path = relative.isEmpty ? root.path : root.path + "/" + relative
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        @Sendable func stamp(_ name: String) -> (name: String, isDirectory: Bool, stamp: FileStamp?)? {
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return (name, true, nil)
            case S_IFREG: return (name, false, FileStamp(info))
            default: return nil  // symbolic links, sockets, devices
            }
        }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        guard names.count >= 4_096, workers > 1 else { return names.compactMap(stamp) }
        return names.concurrentMap(chunks: workers, stamp).compactMap { $0 }
    }

    func join(_ relative: String, _ name: String) -> String {
        relative.isEmpty ? name : relative + "/" + name
    }

    func searchSite(relative: String, posts: inout [PostFile], ignored: inout [String]) {
        for entry in entries(of: relative) where entry.isDirectory {
            let path = join(relative, entry.name)
            if entry.name == postsFolder {
                let categories = relative.split(separator: "/").map(String.init)
                collectPosts(relative: path, categories: categories, posts: &posts, ignored: &ignored)
            } else if searched(entry.name, path) {
                searchSite(relative: path, posts: &posts, ignored: &ignored)
            }
        }
    }

    /// Whether a folder other than a posts folder may hold category folders: not hidden, not
    /// Jekyll's (`_site`, `_drafts`, …), not excluded.
    func searched(_ name: String, _ path: String) -> Bool {
        !name.hasPrefix(".") && !name.hasPrefix("_") && !exclude.contains(path)
    }

    func collectPosts(relative: String, categories: [String], posts: inout [PostFile], ignored: inout [String]) {
        for entry in entries(of: relative) where !entry.name.hasPrefix(".") {
            let path = join(relative, entry.name)
            if entry.isDirectory {
                collectPosts(relative: path, categories: categories, posts: &posts, ignored: &ignored)
            } else if var file = PostFile(relativePath: path, folderCategories: categories) {
                file.stamp = entry.stamp
                posts.append(file)
            } else {
                ignored.append(path)
            }
        }
    }
}
