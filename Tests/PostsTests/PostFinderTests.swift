import Foundation
import Testing
@testable import Posts

@Suite struct PostFinderTests {
    @Test func findsEveryPostFileSortedByPath() {
        let found = SiteFixture.finder().find()
        #expect(found.posts.map(\.relativePath) == [
            "_posts/2022-01-10-no-date.md",
            "_posts/2022-01-12-title-from-the-slug.md",
            "_posts/2022-01-13-not-published.md",
            "_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md",
            "_posts/2022-01-16-canonical.md",
            "_posts/2022-01-17-html-post.html",
            "_posts/2022-01-19-iso-date.md",
            "_posts/2022-01-20-broken-yaml.md",
            "_posts/2022-01-21-bad-date.md",
            "_posts/2022-01-23-bad-utf8.md",
            "_posts/2022-01-24-no-front-matter.md",
            "_posts/2022-02-15-zoneless.md",
            "_posts/2022-03-05-from-the-future.md",
            "finance/_posts/2022-01-22-folder-category.md",
        ])
    }

    @Test func reportsFilesWhoseNameIsNotAPost() {
        #expect(SiteFixture.finder().find().ignored == ["_posts/README.md", "_posts/notes.txt"])
    }

    @Test func neverFindsDrafts() {
        let found = SiteFixture.finder().find()
        #expect(!found.posts.contains { $0.relativePath.contains("_drafts") })
        #expect(!found.ignored.contains { $0.contains("_drafts") })
    }

    @Test func foldersAbovePostsAreCategories() throws {
        let file = try #require(SiteFixture.file("finance/_posts/2022-01-22-folder-category.md"))
        #expect(file.folderCategories == ["finance"])
        #expect(SiteFixture.file("_posts/2022-01-19-iso-date.md")?.folderCategories == [])
    }

    @Test func readsDateSlugAndFormatFromTheName() throws {
        let seed = try #require(SiteFixture.file("_posts/2022-01-14-jiasu-shuzihua-zhuanxing.md"))
        #expect([seed.year, seed.month, seed.day] == [2022, 1, 14] as [Int])
        #expect(seed.slug == "jiasu-shuzihua-zhuanxing")
        #expect(seed.format == .markdown)
        #expect(SiteFixture.file("_posts/2022-01-17-html-post.html")?.format == .html)
    }

    @Test func aHiddenPostsFolderIsFoundAndHiddenFilesInItAreNot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("finder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in [".posts/2022-01-01-a.md", ".posts/.2022-01-02-hidden.md", ".posts/.drafts/2022-01-03-b.md",
                     "finance/.posts/2022-01-04-c.md"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("---\n---\n".utf8).write(to: url)
        }
        let finder = PostFinder(root: root, postsFolder: ".posts", exclude: [])
        #expect(finder.postsFolderExists())
        #expect(finder.find().posts.map(\.relativePath) == [".posts/2022-01-01-a.md", "finance/.posts/2022-01-04-c.md"])
        #expect(finder.find().posts.last?.folderCategories == ["finance"])
    }

    @Test func excludedFoldersAreNotSearched() {
        let finder = PostFinder(root: SiteFixture.root, postsFolder: "_posts", exclude: ["finance/"])
        #expect(!finder.find().posts.contains { $0.relativePath.hasPrefix("finance/") })
    }

    @Test(arguments: [
        "README.md", "2022-01-14.md", "2022-13-01-month-13.md", "2022-01-32-day-32.md",
        "2022-01-14-post.txt", "22-01-14-short-year.md", "2022-1-14-one-digit-month.md",
    ])
    func namesThatAreNotPosts(name: String) {
        #expect(PostFile(relativePath: "_posts/" + name, folderCategories: []) == nil)
    }

    @Test(arguments: [
        ("2022-01-14-a.md", PostFile.Format.markdown), ("2022-01-14-a.markdown", .markdown),
        ("2022-01-14-a.html", .html), ("2022-01-14-a.HTM", .html),
    ])
    func namesThatArePosts(name: String, format: PostFile.Format) throws {
        let file = try #require(PostFile(relativePath: "_posts/" + name, folderCategories: []))
        #expect(file.format == format)
        #expect(file.slug == "a")
    }
}
