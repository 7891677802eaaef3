extension FeedStylesheet {
    /// The page's CSS, inline so the page loads nothing else. The font stack names CJK fonts of
    /// each system (the example site is in Chinese) before the generic family.
    static let css = """
        :root{color-scheme:light dark;--ink:#1d2330;--muted:#5b6475;--line:#e3e6ec;--paper:#f6f7f9;--card:#fff;\
        --accent:#d9480f;--accent-soft:#fff1e8}\
        @media (prefers-color-scheme:dark){:root{--ink:#e8eaf0;--muted:#a3abba;--line:#2e3441;--paper:#14171d;\
        --card:#1c2029;--accent:#ff8a4c;--accent-soft:#2a1f19}}\
        *{box-sizing:border-box}\
        body{margin:0;background:var(--paper);color:var(--ink);line-height:1.65;\
        font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB",\
        "Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}\
        header,.subscribe,main,footer{max-width:46rem;margin:0 auto;padding:0 1.25rem}\
        header{padding-top:2.5rem}\
        .kicker{margin:0;color:var(--accent);font-size:.8rem;font-weight:700;letter-spacing:.12em;text-transform:uppercase}\
        h1{margin:.25rem 0 .5rem;font-size:2.1rem;line-height:1.25}\
        .description{margin:0;color:var(--muted);font-size:1.1rem}\
        .home{margin:.75rem 0 0}\
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}\
        .subscribe{max-width:43.5rem;margin:1.75rem auto 1.5rem;padding:1.1rem 1.25rem 1.2rem;background:var(--accent-soft);\
        border:1px solid var(--accent);border-left-width:6px;border-radius:10px}\
        @media (max-width:46rem){.subscribe{margin-left:1.25rem;margin-right:1.25rem}}\
        .subscribe h2{margin:0 0 .35rem;font-size:1.15rem}\
        .subscribe p{margin:0 0 .6rem}\
        .url{display:block;width:100%;padding:.55rem .7rem;font:1rem ui-monospace,"SFMono-Regular",Menlo,Consolas,\
        "DejaVu Sans Mono",monospace;color:var(--ink);background:var(--card);border:1px solid var(--line);border-radius:6px}\
        .url:focus{outline:2px solid var(--accent);outline-offset:1px}\
        .subscribe .hint{margin:.6rem 0 0;color:var(--muted);font-size:.85rem}\
        .latest{margin:2rem 0 .5rem;font-size:.8rem;color:var(--muted);letter-spacing:.12em;text-transform:uppercase}\
        .items{list-style:none;margin:0;padding:0}\
        .items li{margin:0 0 .9rem;padding:1rem 1.2rem;background:var(--card);border:1px solid var(--line);border-radius:10px}\
        .items h3{margin:0;font-size:1.2rem;line-height:1.4}\
        .date{margin:.2rem 0 0;color:var(--muted);font-size:.85rem;font-variant-numeric:tabular-nums}\
        .summary{margin:.45rem 0 0}\
        .summary:empty{display:none}\
        footer{padding-top:1rem;padding-bottom:2.5rem;color:var(--muted);font-size:.85rem}
        """
}
