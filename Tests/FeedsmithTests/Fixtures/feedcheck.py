"""Reads feeds with Python's feedparser, an independent reader, and prints what a reader sees
as JSON: one object per file, in the order given."""
import calendar, json, sys
import feedparser

def instant(parsed):
    return calendar.timegm(parsed) if parsed else None

out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out.append({
        "path": path,
        "bozo": d.bozo,
        "bozo_exception": str(d.get("bozo_exception", "")),
        "version": d.version,
        "title": d.feed.get("title"),
        "link": d.feed.get("link"),
        "language": d.feed.get("language"),
        "updated": instant(d.feed.get("updated_parsed")),
        "entries": [{
            "title": e.get("title"),
            "link": e.get("link"),
            "id": e.get("id"),
            "published": instant(e.get("published_parsed")),
            "updated": instant(e.get("updated_parsed")),
            "author": e.get("author"),
            "tags": sorted(t.term for t in e.get("tags", [])),
            "content": e.content[0].value if e.get("content") else None,
        } for e in d.entries],
    })
json.dump(out, sys.stdout, ensure_ascii=False)
