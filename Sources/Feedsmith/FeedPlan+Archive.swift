import FeedModel

extension FeedPlan {
    /// RFC 5005 archived feeds: a feed's older items in archive pages of `feeds.limit` items,
    /// numbered from 1 for the oldest. A page, once published, keeps its items (RFC 5005 §4:
    /// "the set of entries contained in an archive document … SHOULD NOT change"): the items of
    /// each published page are read back from the feed's ``ArchiveManifest``, and only items in
    /// no page yet make new pages, oldest first, when there are `limit` of them. Items that came
    /// late (a post dated in the past, a partner's old article) thus go to the next new page,
    /// and until it is full they are in the subscription document, beside the newest `limit`.
    struct Archive: Equatable {
        /// The page, counted from 1 for the oldest; nil for the subscription document.
        var page: Int?
        /// How many archive pages the feed has.
        var pages: Int
        /// The folder of the feed's subscription document.
        var home: String

        static func folder(home: String, page: Int) -> String { home + "archive/\(page)/" }

        /// The folders of the documents linked as `current`, `prev-archive` and `next-archive`.
        var current: String? { page == nil ? nil : home }
        var previous: String? {
            let previous = (page ?? pages + 1) - 1
            return previous >= 1 ? Self.folder(home: home, page: previous) : nil
        }
        var next: String? {
            guard let page, page < pages else { return nil }
            return Self.folder(home: home, page: page + 1)
        }

        /// The subscription document's items and each archive page's, all newest first.
        /// `all` is the feed's items newest first; `published`, the canonical URLs of each page
        /// as published, oldest page first (an item gone from the feed leaves its page).
        static func pages(of all: [Int], limit: Int, published: [[String]], url: (Int) -> String,
                          isNewer: (Int, Int) -> Bool) -> (current: [Int], pages: [[Int]]) {
            var unpaged: [String: Int] = [:]
            unpaged.reserveCapacity(all.count)
            for index in all { unpaged[url(index)] = index }
            var pages = published.map { page in page.compactMap { unpaged.removeValue(forKey: $0) }.sorted(by: isNewer) }
            var rest = all.filter { unpaged[url($0)] != nil }
            while rest.count >= limit {
                pages.append(Array(rest.suffix(limit)))
                rest.removeLast(limit)
            }
            // The newest `limit`, and any item in no page yet (only late ones are not among them).
            var current = Array(all.prefix(limit))
            let shown = Set(current)
            current += rest.filter { !shown.contains($0) }
            return (current.count > limit ? current.sorted(by: isNewer) : current, pages)
        }
    }
}

/// Which items each published archive page of a feed holds: `archive/.pages` in the feed's
/// folder, written after the pages. It is what keeps pages stable, so it lives beside them in
/// the output folder (a hidden file, which `serve` never sends), not in the post cache, which
/// may be deleted at any time without changing what a build writes.
enum ArchiveManifest {
    static let header = "feedsmith archive pages 1"

    static func path(home: String) -> String { home + "archive/.pages" }

    /// One line per canonical URL, each page opened by a `page N` line.
    static func text(_ pages: [[String]]) -> String {
        var text = header + "\n"
        for (number, page) in zip(1..., pages) {
            text += "page \(number)\n"
            for url in page { text += url + "\n" }
        }
        return text
    }

    /// The pages of `text`; none when it is not a manifest (then pages are made afresh).
    static func pages(_ text: String) -> [[String]] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(header) else { return [] }
        if lines.last == "" { lines.removeLast() }
        var pages: [[String]] = []
        for line in lines.dropFirst() {
            if line == "page \(pages.count + 1)" {
                pages.append([])
            } else if !pages.isEmpty, !line.isEmpty {
                pages[pages.count - 1].append(String(line))
            } else {
                return []
            }
        }
        return pages
    }
}
