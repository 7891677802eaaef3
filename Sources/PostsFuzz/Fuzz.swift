/// A libFuzzer target over reading a post: every input is the bytes of one post file, read as a
/// build reads it (front matter only, then whole), rendered to an article (cmark-gfm, then the
/// HTML cleaner) and written as a feed in every format, which must parse back. A crash, a hang,
/// a sanitizer report or a broken promise below is a finding. Built and run by `scripts/fuzz posts`.
import FeedModel
import FeedParsing
import FeedWriting
import Foundation
import Posts

/// A site in a zone with an offset, and a clock at the end of year 9999 so that no date the
/// fuzzer writes is in the future (a future post stops before its body is rendered).
private let reader = PostReader(
    configuration: PostsConfiguration(siteURL: "https://fuzz.example.com", timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                      now: Instant(secondsSince1970: 253_402_300_799)),
    root: URL(fileURLWithPath: "/fuzz"))
private let file = PostFile(relativePath: "finance/_posts/2022-01-14-fuzz-post.md", folderCategories: ["finance"])!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPosts(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    let head = Result { () throws(PostError) in try reader.read(file, contents: bytes, keepingBody: false) }
    let whole = Result { () throws(PostError) in try reader.read(file, contents: bytes) }
    check(head, agreesWith: whole, lineCount: bytes.count(where: { $0 == UInt8(ascii: "\n") }) + 1)
    guard case .success(.published(let post)) = whole else { return 0 }
    let article = post.article()
    let document = FeedDocument(title: "Fuzz", description: nil, homePageURL: "https://fuzz.example.com/",
                                selfURLs: [:], language: "zh-CN", authors: [],
                                timeZone: TimeZone(identifier: "Asia/Shanghai")!, articles: [article])
    for format in FeedFormat.allCases {
        let text = document.render(format)
        do throws(FeedParseError) {
            let feed = try FeedParser().parse(Data(text.utf8), url: "https://fuzz.example.com/feed")
            precondition(feed.articles.count == 1, "the \(format) feed of one post holds \(feed.articles.count) items")
        } catch {
            preconditionFailure("the \(format) feed written from a post does not parse back: \(error.reason)")
        }
    }
    return 0
}

/// A build keeps the front-matter-only outcome and later reads the file whole for its feeds: both
/// must say the same, and an error must name a line of the file and give a reason.
private func check(_ head: Result<PostOutcome, PostError>, agreesWith whole: Result<PostOutcome, PostError>,
                   lineCount: Int) {
    switch (head, whole) {
    case (.failure(let a), .failure(let b)):
        precondition(a == b, "front matter alone fails with '\(a.localizedDescription)', the whole file with '\(b.localizedDescription)'")
        precondition(!a.reason.isEmpty, "an error without a reason")
        if let line = a.line { precondition((1...lineCount).contains(line), "error at line \(line) of a \(lineCount)-line file") }
    case (.success(.unpublished(let a)), .success(.unpublished(let b))):
        precondition(a == b, "unpublished as '\(a)' and as '\(b)'")
    case (.success(.published(var a)), .success(.published(let b))):
        a.body = b.body
        precondition(a == b, "front matter alone reads \(a), the whole file \(b)")
    default:
        preconditionFailure("front matter alone gives \(head), the whole file \(whole)")
    }
}

#if FUZZING
// As in FeedParserFuzz: SwiftPM links the entry point as `<Target>_main`, which hands control
// to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

@_cdecl("PostsFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments) { start, length in fuzzPosts(start, length) }
}
#endif
