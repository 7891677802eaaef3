import FeedModel
import HTMLCleaning

public extension Post {
    /// Renders the body (Markdown through cmark-gfm, HTML as is), cleans it against the
    /// post's URL, and returns the article feeds are written from.
    func article() -> Article {
        let html = file.format == .markdown ? MarkdownRenderer.render(body) : body
        let cleaned = HTMLCleaner(base: url).clean(html)
        let plainSummary = summary.map(HTMLCleaner.plainText) ?? cleaned.excerpt
        return Article(
            canonicalURL: canonicalURL, link: url, title: HTMLCleaner.plainText(title),
            summary: plainSummary.isEmpty ? nil : plainSummary, contentHTML: cleaned.html,
            authors: authors, categories: Set(categories), tags: Set(tags),
            published: date, updated: updated.map { max($0, date) } ?? date, image: image,
            sources: [file.relativePath], isLocal: true)
    }
}
