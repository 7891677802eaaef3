/// What a run did and what it had to skip; its exit status is what cron sees.
public struct BuildReport: Sendable {
    /// Output files written because their bytes changed (relative to the output folder).
    public var written: [String] = []
    /// Output files whose bytes were already right.
    public var unchanged: [String] = []
    /// Inputs skipped, one `path:line: error: …` line each.
    public var errors: [String] = []
    public var warnings: [String] = []
    /// Post files read this run, and those whose front matter the post cache gave instead.
    public var postsRead = 0
    public var postsFromCache = 0
    /// Output files rendered (the rest were known current without rendering).
    public var filesRendered = 0
    /// An error that stopped the run before anything was written.
    public var fatal: String?
    /// The URLs (`rel="self"`) of the feeds whose bytes changed, for the WebSub hub.
    public var changedFeeds: [String] = []
    /// What the run did besides writing files (the hub told), for stdout.
    public var notices: [String] = []
    /// The WebSub hub of the site (`websub.hub`), told of `changedFeeds`.
    var hub: String?

    public init() {}

    /// 0: all built; 1: built, with inputs skipped; 2: nothing built.
    public var exitStatus: Int32 {
        if fatal != nil { return 2 }
        return errors.isEmpty ? 0 : 1
    }
}
