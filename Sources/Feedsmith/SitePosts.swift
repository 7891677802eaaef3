import FeedModel
import Foundation
import Posts

/// The site's post files as a build found them: the listing, one ``PostTable`` row per file
/// (in the listing's order), and the rows to publish: read, dated by now, one per canonical URL.
struct SitePosts {
    let listing: PostListing
    let table: PostTable
    let published: [Int]

    /// What choosing the post of row `row` for a feed needs, as values (only for the few chosen).
    func head(_ row: Int) -> PostHead {
        let values = table.rows[row]
        return PostHead(file: listing.postFile(listing.files[row])!, date: date(row), canonicalURL: table.string(values.text),
                        categories: table.categories(of: values))
    }

    func date(_ row: Int) -> Instant { Instant(secondsSince1970: table.rows[row].date) }

    func canonicalURL(_ row: Int) -> String { table.string(table.rows[row].text) }

    /// The numbers of the categories of row `row` (``PostTable/categoryNames``).
    func categoryNumbers(_ row: Int) -> ArraySlice<Int32> { table.categoryNumbers(of: table.rows[row]) }

    /// Whether row `a`'s canonical URL sorts before row `b`'s as `String`s do: byte order,
    /// which is the same for ASCII (canonical URLs are percent-encoded), else as `String`s.
    func urlPrecedes(_ a: Int, _ b: Int) -> Bool {
        table.withText(table.rows[a].text) { x in
            table.withText(table.rows[b].text) { y in
                guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else {
                    return String(decoding: x, as: UTF8.self) < String(decoding: y, as: UTF8.self)
                }
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }
}
