import FeedModel

public extension SitePages {
    /// An HTML page listing every feed, with an autodiscovery `<link rel="alternate">` per file.
    func indexHTML() -> String {
        var html = "<!DOCTYPE html>\n<html" + (language.map { " lang=\"\(esc($0))\"" } ?? "") + ">\n<head>\n"
        html += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"feedsmith \(feedsmithVersion)\">\n"
        html += "<title>\(esc(title))</title>\n"
        for feed in feeds {
            for format in FeedFormat.allCases {
                guard let url = feed.urls[format] else { continue }
                html += "<link rel=\"alternate\" type=\"\(format.mediaType)\" title=\"\(esc(feed.title))\" href=\"\(esc(url))\">\n"
            }
        }
        html += "<style>body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,\"PingFang SC\",\"Hiragino Sans GB\","
            + "\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1.25rem;line-height:1.6;color:#1d2330;background:#f6f7f9}a{color:#c2410c;text-decoration:none}"
            + "a:hover{text-decoration:underline}h1 a{color:inherit}section{margin:1rem 0;padding:.9rem 1.2rem;background:#fff;"
            + "border:1px solid #e3e6ec;border-radius:10px}h2{margin:0 0 .2rem;font-size:1.25rem}.formats{margin:0}"
            + ".formats a{margin-right:.5rem;padding:.05rem .5rem;font-size:.8rem;border:1px solid #c2410c;border-radius:999px}"
            + "ul{margin:.5rem 0 0;padding-left:1.2rem}</style>\n</head>\n<body>\n"
        html += "<h1><a href=\"\(esc(homePageURL))\">\(esc(title))</a></h1>\n"
        if let description { html += "<p>\(esc(description))</p>\n" }
        html += "<p>Copy a feed's address into your feed reader to subscribe.</p>\n"
        for feed in feeds {
            html += "<section>\n<h2>\(esc(feed.title))</h2>\n<p class=\"formats\">"
            for format in FeedFormat.allCases {
                guard let url = feed.urls[format] else { continue }
                html += "<a href=\"\(esc(url))\" type=\"\(format.mediaType)\">\(format.label)</a>"
            }
            html += "</p>\n<ul>\n"
            for entry in feed.latest {
                let title = esc(entry.title)
                html += entry.link.map { "<li><a href=\"\(esc($0))\">\(title)</a></li>\n" } ?? "<li>\(title)</li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        return html + "</body>\n</html>\n"
    }

    private func esc(_ text: String) -> String { XMLText.escape(text, quotes: true) }
}

extension FeedFormat {
    var label: String {
        switch self {
        case .rss: "RSS"
        case .atom: "Atom"
        case .json: "JSON Feed"
        }
    }
}
