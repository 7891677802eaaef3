/// The allow-list. Modelled on what feed readers already accept (feedparser's
/// `_HTMLSanitizer`): structure and text survive, anything that runs code or loads a frame
/// does not.
enum HTMLPolicy {
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big",
        "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
        "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source",
        "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr",
    ]

    /// Removed together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet",
        "noscript", "noembed", "template", "svg", "math", "head", "title", "meta", "link", "base",
        "textarea", "select", "button", "input", "param",
    ]

    /// Dropped elements that are void in HTML5 but not to libxml2's HTML 4 parser.
    static let droppedVoids: Set<String> = ["embed", "param", "input", "meta", "link", "base"]

    /// The `data:` images kept in `<img src>`: raster formats, which cannot run script.
    static let dataImageTypes = ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif",
                                 "data:image/webp", "data:image/avif", "data:image/bmp"]

    static let voids: Set<String> = ["br", "col", "hr", "img", "source", "wbr"]

    /// Elements that end a run of text (for excerpts and plain text).
    static let blocks: Set<String> = [
        "p", "div", "blockquote", "pre", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
        "td", "th", "dd", "dt", "figure", "figcaption", "section", "article", "ul", "ol", "dl",
    ]

    /// No `on*` handler, no `style` (CSS expressions), no `id`/`name` clobbering.
    static let attributes: Set<String> = [
        "href", "src", "srcset", "sizes", "alt", "title", "lang", "dir", "width", "height",
        "colspan", "rowspan", "align", "valign", "cite", "datetime", "type", "poster", "controls",
        "start", "reversed", "scope", "headers", "abbr", "border", "longdesc", "class",
    ]

    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster", "longdesc"]

    /// Deeper markup is flattened to its text, so hostile nesting cannot exhaust the stack.
    static let maximumDepth = 200
}
