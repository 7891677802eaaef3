// swift-tools-version:6.0
import PackageDescription

// Targets follow the layers of DESIGN.md: each imports only layers below it.
let package = Package(
    name: "feedsmith",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "feedsmith", targets: ["FeedsmithCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

        // Pure values: Article, canonical URL, the merge.
        .target(name: "FeedModel"),
        // HTML fragments: sanitising and absolute URLs, on libxml2's HTML parser.
        .target(name: "HTMLCleaning", dependencies: ["FeedModel", "CLibXML2"]),

        // Inputs and outputs.
        .target(name: "Posts", dependencies: ["FeedModel", "HTMLCleaning", "CCmarkGFM",
                                              .product(name: "Yams", package: "Yams")]),
        .target(name: "FeedWriting", dependencies: ["FeedModel"]),
        // The reader's state is one class whose fields every XML node touches; in release builds
        // the run-time exclusivity check on each access was 4% of a parse (perf, 60 MB feed).
        // Debug builds, the tests' and the fuzzers', keep the check.
        .target(name: "FeedParsing", dependencies: ["FeedModel", "HTMLCleaning", "CLibXML2"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // One GET of a feed URL: conditional, redirects, gzip, size and time limits.
        .target(name: "Fetching", dependencies: [
            "FeedModel",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
        ]),

        // The article store: merged articles and fetch state in SQLite, through GRDB.
        .target(name: "ArticleStore", dependencies: ["FeedModel", .product(name: "GRDB", package: "GRDB.swift")]),

        // Use cases.
        .target(name: "Feedsmith", dependencies: ["FeedModel", "Posts", "FeedWriting", "FeedParsing",
                                                  "Fetching", "ArticleStore",
                                                  .product(name: "Yams", package: "Yams")]),
        // `feedsmith serve`: the output folder over HTTP (Hummingbird).
        .target(name: "Serving", dependencies: ["FeedModel", "CZlib", .product(name: "Hummingbird", package: "hummingbird"),
                                                .product(name: "Logging", package: "swift-log")]),
        // The command line.
        .executableTarget(name: "FeedsmithCLI", dependencies: [
            "Feedsmith", "FeedParsing", "Fetching", "Serving",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/feedsmith"),

        // libFuzzer targets over the parser and over reading a post: `scripts/fuzz` builds them
        // with the sanitizers; without them they replay files.
        .executableTarget(name: "FeedParserFuzz", dependencies: ["FeedParsing", "FeedWriting", "FeedModel"]),
        .executableTarget(name: "PostsFuzz", dependencies: ["Posts", "FeedParsing", "FeedWriting", "FeedModel"]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // A scripted HTTP server on 127.0.0.1 for the fetching tests.
        .target(name: "HTTPTestServer", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ], path: "Tests/HTTPTestServer"),
        .testTarget(name: "FeedModelTests", dependencies: ["FeedModel", "TestSupport"]),
        .testTarget(name: "ArticleStoreTests", dependencies: ["ArticleStore", "FeedModel", "TestSupport",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "HTMLCleaningTests", dependencies: ["HTMLCleaning", "TestSupport"]),
        .testTarget(name: "PostsTests", dependencies: ["Posts", "HTMLCleaning", "FeedModel", "FeedParsing", "FeedWriting", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "FeedWritingTests", dependencies: ["FeedWriting", "FeedModel", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "FeedParsingTests", dependencies: ["FeedParsing", "FeedModel", "FeedWriting", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching", "HTTPTestServer"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "FeedsmithTests", dependencies: ["Feedsmith", "FeedsmithCLI", "FeedModel", "Posts", "TestSupport", "HTTPTestServer"],
                    resources: [.copy("Fixtures")]),
    ]
)
