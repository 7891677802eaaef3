import CCmarkGFM
import Foundation

/// Renders Markdown with cmark-gfm, GitHub's reference CommonMark implementation, and its GFM
/// extensions. Raw HTML passes through (`CMARK_OPT_UNSAFE`), as Jekyll's kramdown lets it:
/// the seed post's body is HTML paragraphs followed by Markdown links. Sanitising comes after.
enum MarkdownRenderer {
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// The GFM extensions, registered and looked up once. cmark-gfm's registration is not
    /// thread-safe: builds render posts on every core, and two threads registering at once
    /// renumbered the table's node types under each other's parse, so a render failed an
    /// assertion in table.c (`html_render: Assertion 'false' failed`; seen once in the suite).
    /// Swift runs a static's initialiser once, whatever the threads.
    nonisolated(unsafe) static let extensions = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensionNames.compactMap { cmark_find_syntax_extension($0) }
    }()

    static func render(_ markdown: String) -> String {
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        let extensions = Self.extensions
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for syntax in extensions { cmark_parser_attach_syntax_extension(parser, syntax) }
        // The length, not `strlen`: a NUL in the body (valid UTF-8) would end it there, and the
        // rest of the post would be lost; cmark-gfm reads NUL as U+FFFD, as CommonMark says.
        markdown.withCString { pointer in
            cmark_parser_feed(parser, pointer, markdown.utf8.count)
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }
}
