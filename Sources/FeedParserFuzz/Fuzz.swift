/// A libFuzzer target over the feed parser: every input is parsed as a feed, and a parsed feed
/// is written back in every format, so a crash, a hang or a sanitizer report anywhere on the way
/// is a finding. Built and run by `scripts/fuzz parser` (`-sanitize=fuzzer,address`).
import FeedModel
import FeedParsing
import FeedWriting
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let parser = FeedParser(options: ParseOptions(maxBytes: 1 << 20, timeZone: TimeZone(identifier: "Asia/Shanghai")!))
    guard let feed = try? parser.parse(data, url: "https://fuzz.example.com/feed.xml") else { return 0 }
    let document = FeedDocument(title: feed.title, description: nil, homePageURL: feed.link ?? "",
                                selfURLs: [:], language: feed.language, authors: [],
                                timeZone: TimeZone(identifier: "UTC")!, articles: feed.articles)
    for format in FeedFormat.allCases { _ = document.render(format) }
    return 0
}

#if FUZZING
// SwiftPM links an executable's entry point as `<Target>_main`; with libFuzzer that entry hands
// control to libFuzzer's driver, which calls `fuzzParser` for each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

@_cdecl("FeedParserFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments) { start, length in fuzzParser(start, length) }
}
#endif
