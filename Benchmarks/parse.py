#!/usr/bin/env python3
"""Parse speed and peak memory of `feedsmith parse` against the parsers users would pick
instead, in the same run, on the same files (issue 3's benchmark).

Writes (once) a 60 MB RSS 2.0 feed and a 58 MB Atom feed of 100,000 items each with
../shared/tools/make-corpus, then runs every parser on each file in a child process and
prints MB/s, peak resident memory and the item count it found (so a parser that gave up
early cannot look fast). Python peers are installed with pip if missing.

    Benchmarks/parse.py [--items 100000] [--runs 1] [--corpus DIR] [--only NAME...] [--feedsmith PATH]
"""
import argparse, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE_CORPUS = os.path.join(ROOT, "..", "shared", "tools", "make-corpus")

PY_PEERS = {
    # name: (pip package, module, code that parses the bytes in `data` and prints the item count)
    "feedparser": ("feedparser", "feedparser",
                   "import feedparser; print(len(feedparser.parse(data).entries))"),
    # fastfeedparser 0.6 reads well-formed UTF-8 feeds with a native extractor (`_core`, in its
    # platform wheels), three times its lxml path; both are timed. Neither sanitises HTML.
    "fastfeedparser": ("fastfeedparser", "fastfeedparser",
                       "import fastfeedparser; print(len(fastfeedparser.parse(data).entries))"),
    "fastfeedparser-lxml": ("fastfeedparser", "fastfeedparser",
                            "import os; os.environ['FASTFEEDPARSER_DISABLE_CORE'] = '1'\n"
                            "import fastfeedparser; print(len(fastfeedparser.parse(data).entries))"),
    # Its default limits stop at 10,000 entries; raised so it reads the whole feed.
    "feedparser-rs": ("feedparser-rs", "feedparser_rs",
                      "import feedparser_rs as f\n"
                      "limits = f.ParserLimits(max_feed_size_bytes=1 << 30, max_entries=10**7)\n"
                      "print(len(f.parse_with_limits(data, limits=limits).entries))"),
}


def ensure_corpus(directory, items):
    rss = os.path.join(directory, "partners", "partner-00.xml")
    atom = os.path.join(directory, "partners", "partner-01.atom")
    if not (os.path.exists(rss) and os.path.exists(atom)):
        print(f"writing the corpus ({items} items per feed) to {directory} ...", flush=True)
        subprocess.run([MAKE_CORPUS, "--posts", "10", "--partner-feeds", "2",
                        "--items-per-feed", str(items), "--out", directory], check=True)
    return [("RSS 2.0", rss), ("Atom 1.0", atom)]


def ensure_feedsmith():
    subprocess.run(["swift", "build", "-c", "release", "--product", "feedsmith"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "feedsmith")


def ensure_python_peer(package, module):
    if subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode != 0:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--root-user-action=ignore", package],
                       check=True)


def measure(command, count_items):
    """(seconds, peak MB, items) for one run of `command`."""
    # wait4 gives this child's own peak RSS (ru_maxrss, KiB on Linux).
    # The parent must stay small: a forked child starts with the parent's peak as its own, so
    # stdout is read in chunks and only counted, never kept.
    # Output goes to a file, read back after the clock stops: a reader on a pipe would take a
    # share of the two cores while feedsmith writes its 107 MB of JSON (the Python peers print
    # one number).
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        output.seek(0)
        counter = count_items()
        while chunk := output.read(1 << 20):
            counter.send(chunk)
        out = counter.result()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed with status {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss / 1024, out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1, help="runs per parser and file; the best is shown")
    parser.add_argument("--corpus", default="/tmp/feedsmith-bench-parse")
    parser.add_argument("--only", nargs="*", help="parsers to run (default: all)")
    parser.add_argument("--feedsmith", help="the binary to time (default: a release build of this checkout)")
    args = parser.parse_args()

    files = ensure_corpus(args.corpus, args.items)
    feedsmith = os.path.abspath(args.feedsmith) if args.feedsmith else ensure_feedsmith()
    for package, module, _ in PY_PEERS.values():
        ensure_python_peer(package, module)

    class Count:
        """Counts a pattern across chunks (feedsmith's JSON: one `"id":` per item)."""
        def __init__(self, pattern):
            self.pattern, self.tail, self.total = pattern, b"", 0
        def send(self, chunk):
            data = self.tail + chunk
            self.total += data.count(self.pattern)
            self.tail = data[-(len(self.pattern) - 1):]
        def result(self):
            return self.total

    class Last:
        """Keeps the printed item count of a Python peer (its whole stdout is one number)."""
        def __init__(self):
            self.data = b""
        def send(self, chunk):
            self.data = (self.data + chunk)[-64:]
        def result(self):
            return int(self.data.strip() or 0)

    class Nothing(Last):
        def result(self):
            return None

    parsers = {
        "feedsmith": lambda path: ([feedsmith, "parse", "--max-size", "1024", path],
                                   lambda: Count(b'\n      "id": ')),
        "xmllint --stream": lambda path: (["xmllint", "--stream", "--noout", path], Nothing),
    }
    for name, (_, _, code) in PY_PEERS.items():
        script = f"import sys\ndata = open(sys.argv[1], 'rb').read()\n{code}"
        parsers[name] = (lambda script: lambda path: ([sys.executable, "-c", script, path], Last))(script)
    chosen = [name for name in parsers if not args.only or name in args.only]

    print(f"machine: {os.cpu_count()} cores; {args.runs} run(s) each, best shown; sanitising on for every parser that has it")
    for label, path in files:
        size = os.path.getsize(path) / 1e6
        print(f"\n{label}: {path} ({size:.1f} MB, {args.items} items)")
        print(f"  {'parser':<20} {'MB/s':>8} {'seconds':>8} {'peak MB':>8} {'items':>8} {'feedsmith is':>14}")
        results = {}
        for name in chosen:
            command, count = parsers[name](path)
            best = None
            for _ in range(args.runs):
                try:
                    outcome = measure(command, count)
                except RuntimeError as error:
                    print(f"  {name:<20} failed: {error}")
                    break
                if best is None or outcome[0] < best[0]:
                    best = outcome
            if best:
                results[name] = best
        base = results.get("feedsmith")
        for name, (seconds, peak, items) in results.items():
            versus = ""
            if base and name != "feedsmith":
                factor = seconds / base[0]
                versus = f"{factor:.1f}x faster" if factor >= 1 else f"{1 / factor:.1f}x slower"
            print(f"  {name:<20} {size / seconds:8.1f} {seconds:8.2f} {peak:8.0f} "
                  f"{str(items if items is not None else '-'):>8} {versus:>14}")
        if base:
            fastest = max((size / s for n, (s, _, _) in results.items() if n not in ("feedsmith", "xmllint --stream")),
                          default=None)
            mbps = size / base[0]
            print(f"  targets: >= 100 MB/s: {'met' if mbps >= 100 else 'NOT met'} ({mbps:.1f}); "
                  f"peak < 100 MB: {'met' if base[1] < 100 else 'NOT met'} ({base[1]:.0f} MB)"
                  + (f"; vs the fastest peer: {mbps / fastest:.2f}x" if fastest else ""))

if __name__ == "__main__":
    main()
