/// Every regular file in a site's posts folders with its stamp, as bytes: a build compares
/// 100,000 of these with its cache on every run, so no `String` is made for a file until
/// something about it has to be read or said.
public struct PostListing: Sendable {
    /// One regular file found in a posts folder.
    public struct File: Sendable {
        /// Where its path (relative to the site, `/` separators) lies in ``pathBytes``.
        public var path: Range<Int>
        /// Its folder's categories, an index into ``folderCategories``.
        public var folder: Int
        public var stamp: FileStamp
        /// Whether its name has Jekyll's post form (`YYYY-MM-DD-title.md`).
        public var isPost: Bool
    }

    /// The relative paths of ``files``, one after another.
    public private(set) var pathBytes: [UInt8] = []
    public private(set) var files: [File] = []
    /// The categories the folders above each posts folder give, by ``File/folder``.
    public private(set) var folderCategories: [[String]] = []

    public init() {}

    /// `body` given the UTF-8 path of `file`.
    public func withPath<R>(of file: File, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try pathBytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[file.path])) }
    }

    public func path(of file: File) -> String {
        String(decoding: pathBytes[file.path], as: UTF8.self)
    }

    /// The post `file` is, with its stamp; nil when its name is not a post's.
    public func postFile(_ file: File) -> PostFile? {
        guard file.isPost, var post = PostFile(relativePath: path(of: file), folderCategories: folderCategories[file.folder])
        else { return nil }
        post.stamp = file.stamp
        return post
    }

    /// Starts the files of a posts folder whose folders above give `categories`; returns its index.
    mutating func addFolder(categories: [String]) -> Int {
        folderCategories.append(categories)
        return folderCategories.count - 1
    }

    /// Adds the file `prefix/name`, `name` given NUL-terminated or not.
    mutating func add(prefix: [UInt8], name: UnsafeRawBufferPointer, folder: Int, stamp: FileStamp) {
        let start = pathBytes.count
        pathBytes += prefix
        pathBytes.append(UInt8(ascii: "/"))
        pathBytes.append(contentsOf: name)
        let path = start..<pathBytes.count
        let isPost = pathBytes.withUnsafeBytes { PostFile.isPostName(UnsafeRawBufferPointer(rebasing: $0[path])) }
        files.append(File(path: path, folder: folder, stamp: stamp, isPost: isPost))
    }
}
