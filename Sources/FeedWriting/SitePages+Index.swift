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
        html += "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
            + "h2{margin-bottom:.2rem}.formats a{margin-right:.8rem}ul{margin-top:.3rem}</style>\n</head>\n<body>\n"
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
