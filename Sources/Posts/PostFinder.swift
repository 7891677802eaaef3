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

    /// The post files, sorted by path, and the files in posts folders that are not posts.
    public func find() -> (posts: [PostFile], ignored: [String]) {
        var posts: [PostFile] = []
        var ignored: [String] = []
        searchSite(relative: "", posts: &posts, ignored: &ignored)
        return (posts.sorted { $0.relativePath < $1.relativePath }, ignored.sorted())
    }
}

private extension PostFinder {
    func entries(of relative: String) -> [(name: String, isDirectory: Bool)] {
        let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        return names.sorted().compactMap { name in
            var info = stat()
            guard lstat(url.appendingPathComponent(name).path, &info) == 0 else { return nil }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return (name, true)
            case S_IFREG: return (name, false)
            default: return nil  // symbolic links, sockets, devices
            }
        }
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
            } else if !entry.name.hasPrefix("."), !entry.name.hasPrefix("_"), !exclude.contains(path) {
                searchSite(relative: path, posts: &posts, ignored: &ignored)
            }
        }
    }

    func collectPosts(relative: String, categories: [String], posts: inout [PostFile], ignored: inout [String]) {
        for entry in entries(of: relative) where !entry.name.hasPrefix(".") {
            let path = join(relative, entry.name)
            if entry.isDirectory {
                collectPosts(relative: path, categories: categories, posts: &posts, ignored: &ignored)
            } else if let file = PostFile(relativePath: path, folderCategories: categories) {
                posts.append(file)
            } else {
                ignored.append(path)
            }
        }
    }
}
