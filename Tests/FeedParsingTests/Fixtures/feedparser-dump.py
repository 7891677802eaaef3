"""Reads fixtures with Python's feedparser, an independent reader, and prints what it sees as
one JSON object keyed by fixture name: item count, and per entry the title (plain text), the
link and the dates (UTC epoch seconds from *_parsed). JSON Feed files, which feedparser 6.0
cannot read, are read with Python's json module instead.

Usage: python3 feedparser-dump.py FIXTURES_DIR NAME...
Each fixture is parsed as its expected file's `parse_options` say: `content_type` becomes the
HTTP Content-Type header and `url` the Content-Location (the base for relative links)."""
import calendar, datetime, html, json, os, re, sys, warnings
from urllib.parse import urljoin
import feedparser

warnings.simplefilter("ignore")  # feedparser's deprecation notices are not results.

def epoch(parsed):
    return calendar.timegm(parsed) if parsed else None

def plain(detail, value):
    """The text a reader sees: markup removed when the construct is HTML or XHTML."""
    if value is None:
        return None
    kind = (detail or {}).get("type", "text/plain")
    if kind in ("text/html", "application/xhtml+xml"):
        value = html.unescape(re.sub(r"<[^>]*>", "", value))
    return value

def options(folder, name):
    stem = os.path.splitext(name)[0]
    try:
        with open(os.path.join(folder, "expected", stem + ".json"), encoding="utf-8") as f:
            return json.load(f).get("parse_options", {})
    except FileNotFoundError:
        return {}

def json_feed(data, base):
    """feedparser 6.0 has no JSON Feed reader: read the items with Python's json and datetime,
    still independently of feedsmith."""
    feed = json.loads(data.decode("utf-8-sig"))
    entries = []
    for item in feed.get("items", []):
        dates = set()
        for key in ("date_published", "date_modified"):
            if item.get(key):
                stamp = datetime.datetime.fromisoformat(item[key].replace("Z", "+00:00"))
                dates.add(int(stamp.timestamp()))
        url = item.get("url")
        entries.append({"title": item.get("title"), "link": urljoin(base, url) if url and base else url,
                        "dates": sorted(dates)})
    return {"version": feed.get("version", ""), "bozo": False, "bozo_exception": "",
            "count": len(entries), "entries": entries}

folder, names = sys.argv[1], sys.argv[2:]
out = {}
for name in names:
    opts = options(folder, name)
    headers = {}
    if "content_type" in opts:
        headers["content-type"] = opts["content_type"]
    if "url" in opts:
        headers["content-location"] = opts["url"]
    with open(os.path.join(folder, name), "rb") as f:
        data = f.read()
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        out[name] = json_feed(data, opts.get("url"))
        continue
    d = feedparser.parse(data, response_headers=headers)
    out[name] = {
        "version": d.get("version", ""),
        "bozo": bool(d.get("bozo")),
        "bozo_exception": str(d.get("bozo_exception", "")),
        "count": len(d.entries),
        "entries": [{
            "title": plain(e.get("title_detail"), e.get("title")),
            "link": e.get("link"),
            # dict.get skips FeedParserDict's fallback of `updated` to `published`.
            "dates": sorted({t for t in (epoch(dict.get(e, "published_parsed")),
                                         epoch(dict.get(e, "updated_parsed"))) if t is not None}),
        } for e in d.entries],
    }
json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
