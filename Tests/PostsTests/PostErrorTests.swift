import Foundation
import Testing
@testable import Posts

/// A bad post is reported as `path:line: error: reason`, word for word what the user reads.
@Suite struct PostErrorTests {
    static let messages: [(String, String)] = [
        ("_posts/2022-01-20-broken-yaml.md",
         "_posts/2022-01-20-broken-yaml.md:2: error: unterminated quoted string in 'title'"),
        ("_posts/2022-01-21-bad-date.md",
         "_posts/2022-01-21-bad-date.md:3: error: cannot read '2022-13-45' in 'date' as a date "
            + "(expected YYYY-MM-DD HH:MM:SS +0800)"),
        ("_posts/2022-01-23-bad-utf8.md",
         "_posts/2022-01-23-bad-utf8.md:5: error: the file is not valid UTF-8 (byte 81 of the file); save it as UTF-8"),
        ("_posts/2022-01-24-no-front-matter.md",
         "_posts/2022-01-24-no-front-matter.md:1: error: no front matter: a post starts with a '---' line"),
    ]

    @Test(arguments: messages)
    func badPostIsReportedWithItsLine(path: String, message: String) throws {
        let file = try #require(SiteFixture.file(path))
        let error = #expect(throws: PostError.self) { try SiteFixture.reader().read(file) }
        #expect(error?.localizedDescription == message)
        #expect(error?.errorDescription == message)
    }

    @Test func displayPrefixNamesTheSiteFolderAsTheUserDid() throws {
        let file = try #require(SiteFixture.file("_posts/2022-01-21-bad-date.md"))
        let reader = PostReader(configuration: SiteFixture.configuration(), root: SiteFixture.root,
                                displayPrefix: "mysite/")
        let error = #expect(throws: PostError.self) { try reader.read(file) }
        #expect(error?.path == "mysite/_posts/2022-01-21-bad-date.md")
        #expect(error?.line == 3)
    }

    @Test func unreadableFileHasNoLine() throws {
        let file = try #require(PostFile(relativePath: "_posts/2022-01-01-missing.md", folderCategories: []))
        let error = #expect(throws: PostError.self) { try SiteFixture.reader().read(file) }
        #expect(error?.line == nil)
        #expect(error?.localizedDescription.hasPrefix("_posts/2022-01-01-missing.md: error: cannot read the file: ") == true)
    }

    /// Front matter written in memory: each is one file's text and the message it gives.
    static let inline: [(String, String)] = [
        ("---\ntitle: ok\n", "x.md:1: error: front matter is not closed by a '---' line"),
        ("---\ntitle: a\ntags:\n  - b\n  - {c: d}\n---\n", "x.md:4: error: 'tags' must hold only strings"),
        ("---\ntitle: a\npublished: maybe\n---\n", "x.md:3: error: 'published' must be true or false, not 'maybe'"),
        ("---\ntitle: [a, b]\n---\n", "x.md:2: error: 'title' must be text, not a list"),
        ("---\n- a\n- b\n---\n", "x.md:2: error: front matter is not a mapping of keys to values"),
        // The line of the key's first occurrence.
        ("---\ndate: 2022-01-01\ntitle: a\ntitle: b\n---\n", "x.md:3: error: duplicate key 'title' in front matter"),
        // libyaml starts a line at a lone CR; the file's line is the one its LFs give (fuzz finding).
        ("---\ntitle: a\r\rpublished: maybe\n---\n", "x.md:2: error: 'published' must be true or false, not 'maybe'"),
        ("---\ntitle: a\rdate: \"x\n---\n", "x.md:2: error: unterminated quoted string in 'date'"),
        ("---\r\ntitle: a\r\npublished: maybe\r\n---\r\n", "x.md:3: error: 'published' must be true or false, not 'maybe'"),
    ]

    @Test(arguments: inline)
    func inlineFrontMatter(text: String, message: String) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedsmith-posts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(text.utf8).write(to: folder.appendingPathComponent("2022-01-01-x.md"))
        let file = try #require(PostFile(relativePath: "2022-01-01-x.md", folderCategories: []))
        let reader = PostReader(configuration: SiteFixture.configuration(), root: folder)
        let error = #expect(throws: PostError.self) { try reader.read(file) }
        #expect(error?.localizedDescription.replacingOccurrences(of: "2022-01-01-", with: "") == message)
    }
}
