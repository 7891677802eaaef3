/// What `feedsmith merge` did with each source, and the build that followed.
public struct MergeReport: Sendable {
    /// One line per source merged or not modified, for stdout.
    public var merged: [String] = []
    /// `SOURCE: error: …`, one per source that failed (its articles are untouched).
    public var errors: [String] = []
    /// `SOURCE: warning: …`: what the parser repaired.
    public var warnings: [String] = []
    /// An error that stopped the run before any source was merged (feeds.yml, the store).
    public var fatal: String?
    /// The feeds rebuilt after merging, unless the caller asked for no build.
    public var build: BuildReport?

    public init() {}

    /// 0: every source merged and built; 1: some source failed or a post was skipped;
    /// 2: nothing merged, or the feeds could not be built.
    public var exitStatus: Int32 {
        if fatal != nil { return 2 }
        if let build, build.exitStatus == 2 { return 2 }
        return errors.isEmpty && (build?.exitStatus ?? 0) == 0 ? 0 : 1
    }
}
