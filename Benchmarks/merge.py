#!/usr/bin/env python3
"""Merge speed and peak memory of `feedsmith merge` (issue 4's benchmark).

Writes (once) 8 partner feeds of 50,000 items each with ../shared/tools/make-corpus (RSS and
Atom, items overlapping under URL variants) and a feed of 100,000 other articles; fills a
fresh store with the 100,000, then times, each in a child process with its peak memory:
  1. the first merge of the 8 feeds (400,000 items) into the store of 100,000 articles;
  2. a re-merge of the same files (nothing new): must be at least 5 times faster than 1;
  3. a re-merge of the same items in changed bytes (a comment appended): parsed and merged
     in full, nothing new — the cost of a merge that finds every article already stored.
Use a release build: `swift build -c release`.

    Benchmarks/merge.py [--feedsmith .build/release/feedsmith] [--corpus DIR] [--items 50000] [--feeds 8]
"""
import argparse, os, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE_CORPUS = os.path.join(ROOT, "..", "shared", "tools", "make-corpus")


def run(feedsmith, site, sources):
    """Runs `feedsmith merge --no-build` on `sources`: (seconds, peak RSS in MiB, stdout)."""
    peak_file = os.path.join(site, ".peak")
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak_file, feedsmith, "merge", "--no-build",
                             "--max-size", "256", "--site", site] + sources, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"feedsmith merge failed ({result.returncode}):\n{result.stderr}")
    with open(peak_file) as peak:
        kib = int(peak.read().split()[-1])
    return seconds, kib / 1024, result.stdout


def prefill_feed(path, count):
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>prefill</title>'
                  '<link>https://prefill.example/</link>\n')
        for n in range(count):
            out.write(f"<item><title>Article {n}</title><link>https://prefill.example/a/{n}.html</link>"
                      f"<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>"
                      f"<description>&lt;p&gt;Body of article {n}.&lt;/p&gt;</description></item>\n")
        out.write("</channel></rss>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feedsmith", default=os.path.join(ROOT, ".build", "release", "feedsmith"))
    parser.add_argument("--corpus", default="/tmp/feedsmith-merge-bench")
    parser.add_argument("--items", type=int, default=50000)
    parser.add_argument("--feeds", type=int, default=8)
    parser.add_argument("--store", type=int, default=100000, help="articles in the store before the merge")
    args = parser.parse_args()

    corpus = os.path.join(args.corpus, f"{args.feeds}x{args.items}")
    partners = os.path.join(corpus, "partners")
    if not os.path.isdir(partners):
        subprocess.run([MAKE_CORPUS, "--posts", "100", "--partner-feeds", str(args.feeds),
                        "--items-per-feed", str(args.items), "--out", corpus], check=True, stdout=subprocess.DEVNULL)
    prefill = os.path.join(args.corpus, f"prefill-{args.store}.xml")
    if not os.path.exists(prefill):
        prefill_feed(prefill, args.store)
    sources = sorted(os.path.join(partners, name) for name in os.listdir(partners))

    site = os.path.join(args.corpus, "site")
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    with open(os.path.join(site, "feeds.yml"), "w") as out:
        out.write("title: bench\nurl: https://bench.example\n")
    seconds, _, _ = run(args.feedsmith, site, [prefill])
    print(f"store filled with {args.store:,} articles in {seconds:.1f} s")

    items = args.feeds * args.items
    first, peak, stdout = run(args.feedsmith, site, sources)
    new = sum(int(line.split(": ")[2].split(" new")[0]) for line in stdout.splitlines() if " new, " in line)
    print(f"1. first merge: {items:,} items ({new:,} new articles) in {first:.2f} s: "
          f"{items / first:,.0f} items/s, peak {peak:.0f} MiB")
    again, peak, _ = run(args.feedsmith, site, sources)
    print(f"2. re-merge, same files: {again:.2f} s, peak {peak:.0f} MiB: {first / again:.1f}x faster (must be >= 5)")
    for path in sources:
        with open(path, "a") as out:
            out.write("\n<!-- changed bytes, same items -->\n")
    full, peak, _ = run(args.feedsmith, site, sources)
    print(f"3. re-merge, same items in changed bytes: {full:.2f} s: {items / full:,.0f} items/s, peak {peak:.0f} MiB "
          f"({first / full:.1f}x faster than 1)")
    for path in sources:  # leave the corpus as make-corpus wrote it
        with open(path, "rb+") as out:
            out.seek(-len(b"\n<!-- changed bytes, same items -->\n"), os.SEEK_END)
            out.truncate()
    if first / again < 5:
        sys.exit("FAIL: the re-merge is not 5 times faster than the first merge")


if __name__ == "__main__":
    main()
