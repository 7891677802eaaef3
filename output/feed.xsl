<?xml version="1.0" encoding="utf-8"?>
<!-- Written by feedsmith: shows its RSS 2.0 and Atom 1.0 feeds as a web page in browsers. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"
    exclude-result-prefixes="atom content">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="no"/>

<xsl:template match="/rss">
  <xsl:call-template name="page">
    <xsl:with-param name="lang" select="channel/language"/>
    <xsl:with-param name="title" select="channel/title"/>
    <xsl:with-param name="description" select="channel/description"/>
    <xsl:with-param name="self" select="channel/atom:link[@rel='current']/@href | channel/atom:link[@rel='self'][not(../atom:link[@rel='current'])]/@href"/>
    <xsl:with-param name="home" select="channel/link"/>
    <xsl:with-param name="items" select="channel/item"/>
  </xsl:call-template>
</xsl:template>

<xsl:template match="/atom:feed">
  <xsl:call-template name="page">
    <xsl:with-param name="lang" select="@xml:lang"/>
    <xsl:with-param name="title" select="atom:title"/>
    <xsl:with-param name="description" select="atom:subtitle"/>
    <xsl:with-param name="self" select="atom:link[@rel='current']/@href | atom:link[@rel='self'][not(../atom:link[@rel='current'])]/@href"/>
    <xsl:with-param name="home" select="atom:link[@rel='alternate']/@href"/>
    <xsl:with-param name="items" select="atom:entry"/>
  </xsl:call-template>
</xsl:template>

<!-- The URL to subscribe to: the feed's own, or for an RFC 5005 archive page its
     subscription document's (rel="current"). -->
<xsl:template name="page">
  <xsl:param name="lang"/><xsl:param name="title"/><xsl:param name="description"/>
  <xsl:param name="self"/><xsl:param name="home"/><xsl:param name="items"/>
  <html>
    <xsl:if test="string($lang)"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
    <head>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="robots" content="noindex"/>
      <title><xsl:value-of select="$title"/> · Web feed</title>
      <style>:root{color-scheme:light dark;--ink:#1d2330;--muted:#5b6475;--line:#e3e6ec;--paper:#f6f7f9;--card:#fff;--accent:#d9480f;--accent-soft:#fff1e8}@media (prefers-color-scheme:dark){:root{--ink:#e8eaf0;--muted:#a3abba;--line:#2e3441;--paper:#14171d;--card:#1c2029;--accent:#ff8a4c;--accent-soft:#2a1f19}}*{box-sizing:border-box}body{margin:0;background:var(--paper);color:var(--ink);line-height:1.65;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}header,.subscribe,main,footer{max-width:46rem;margin:0 auto;padding:0 1.25rem}header{padding-top:2.5rem}.kicker{margin:0;color:var(--accent);font-size:.8rem;font-weight:700;letter-spacing:.12em;text-transform:uppercase}h1{margin:.25rem 0 .5rem;font-size:2.1rem;line-height:1.25}.description{margin:0;color:var(--muted);font-size:1.1rem}.home{margin:.75rem 0 0}a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}.subscribe{max-width:43.5rem;margin:1.75rem auto 1.5rem;padding:1.1rem 1.25rem 1.2rem;background:var(--accent-soft);border:1px solid var(--accent);border-left-width:6px;border-radius:10px}@media (max-width:46rem){.subscribe{margin-left:1.25rem;margin-right:1.25rem}}.subscribe h2{margin:0 0 .35rem;font-size:1.15rem}.subscribe p{margin:0 0 .6rem}.url{display:block;width:100%;padding:.55rem .7rem;font:1rem ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;color:var(--ink);background:var(--card);border:1px solid var(--line);border-radius:6px}.url:focus{outline:2px solid var(--accent);outline-offset:1px}.subscribe .hint{margin:.6rem 0 0;color:var(--muted);font-size:.85rem}.latest{margin:2rem 0 .5rem;font-size:.8rem;color:var(--muted);letter-spacing:.12em;text-transform:uppercase}.items{list-style:none;margin:0;padding:0}.items li{margin:0 0 .9rem;padding:1rem 1.2rem;background:var(--card);border:1px solid var(--line);border-radius:10px}.items h3{margin:0;font-size:1.2rem;line-height:1.4}.date{margin:.2rem 0 0;color:var(--muted);font-size:.85rem;font-variant-numeric:tabular-nums}.summary{margin:.45rem 0 0}.summary:empty{display:none}footer{padding-top:1rem;padding-bottom:2.5rem;color:var(--muted);font-size:.85rem}</style>
    </head>
    <body>
      <header>
        <p class="kicker">Web feed</p>
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:if test="string($description) and string($description) != string($title)">
          <p class="description"><xsl:value-of select="$description"/></p>
        </xsl:if>
        <xsl:if test="string($home)">
          <p class="home"><a href="{$home}">Visit the website →</a></p>
        </xsl:if>
      </header>
      <section class="subscribe">
        <h2>This is a web feed</h2>
        <p>Copy this URL into your feed reader to subscribe, and new articles come to you as they are published:</p>
        <input class="url" type="text" readonly="readonly" aria-label="Feed URL" value="{$self}"/>
        <p class="hint">Feed readers include NetNewsWire, Feedly, Inoreader, Thunderbird and newsboat.</p>
      </section>
      <main>
        <h2 class="latest">Latest articles</h2>
        <xsl:choose>
          <xsl:when test="$items"><ol class="items"><xsl:apply-templates select="$items"/></ol></xsl:when>
          <xsl:otherwise><p>No articles yet.</p></xsl:otherwise>
        </xsl:choose>
      </main>
      <footer>Shown with <a href="https://github.com/feedsmith/feedsmith">feedsmith</a>'s stylesheet; your reader gets the feed itself.</footer>
    </body>
  </html>
</xsl:template>

<xsl:template match="item">
  <xsl:call-template name="item">
    <xsl:with-param name="title" select="title"/>
    <xsl:with-param name="link" select="link"/>
    <xsl:with-param name="date">
      <xsl:call-template name="rfc822"><xsl:with-param name="date" select="pubDate"/></xsl:call-template>
    </xsl:with-param>
    <xsl:with-param name="summary" select="description"/>
    <xsl:with-param name="content" select="content:encoded"/>
  </xsl:call-template>
</xsl:template>

<xsl:template match="atom:entry">
  <xsl:variable name="date" select="(atom:published | atom:updated)[1]"/>
  <xsl:call-template name="item">
    <xsl:with-param name="title" select="atom:title"/>
    <xsl:with-param name="link" select="atom:link[@rel='alternate']/@href"/>
    <xsl:with-param name="date" select="concat(substring($date, 1, 10), ' ', substring($date, 12, 5))"/>
    <xsl:with-param name="summary" select="atom:summary"/>
    <xsl:with-param name="content" select="atom:content"/>
  </xsl:call-template>
</xsl:template>

<xsl:template name="item">
  <xsl:param name="title"/><xsl:param name="link"/><xsl:param name="date"/>
  <xsl:param name="summary"/><xsl:param name="content"/>
  <li>
    <h3>
      <xsl:choose>
        <xsl:when test="string($link)"><a href="{$link}"><xsl:value-of select="$title"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="$title"/></xsl:otherwise>
      </xsl:choose>
    </h3>
    <xsl:if test="normalize-space($date)"><p class="date"><xsl:value-of select="$date"/></p></xsl:if>
    <p class="summary">
      <xsl:choose>
        <xsl:when test="normalize-space($summary)"><xsl:value-of select="$summary"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="excerpt"><xsl:with-param name="html" select="string($content)"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </p>
  </li>
</xsl:template>

<!-- RFC 822 as feedsmith writes it (`Sun, 20 Feb 2022 08:30:00 +0800`) → `2022-02-20 08:30`. -->
<xsl:template name="rfc822">
  <xsl:param name="date"/>
  <xsl:variable name="month" select="substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring($date, 9, 3))"/>
  <xsl:choose>
    <xsl:when test="string-length($date) &gt;= 22 and string-length(substring($date, 9, 3)) = 3 and contains('JanFebMarAprMayJunJulAugSepOctNovDec', substring($date, 9, 3))">
      <xsl:value-of select="concat(substring($date, 13, 4), '-', format-number(string-length($month) div 3 + 1, '00'), '-', substring($date, 6, 2), ' ', substring($date, 18, 5))"/>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The start of an HTML body as plain text: tags dropped, a few entities decoded, 240 characters. -->
<xsl:template name="excerpt">
  <xsl:param name="html"/>
  <xsl:variable name="stripped"><xsl:call-template name="strip-tags"><xsl:with-param name="html" select="substring($html, 1, 3000)"/></xsl:call-template></xsl:variable>
  <xsl:variable name="text">
    <xsl:call-template name="entities"><xsl:with-param name="text" select="normalize-space($stripped)"/></xsl:call-template>
  </xsl:variable>
  <xsl:value-of select="substring($text, 1, 240)"/>
  <xsl:if test="string-length($text) &gt; 240">…</xsl:if>
</xsl:template>

<xsl:template name="strip-tags">
  <xsl:param name="html"/>
  <xsl:choose>
    <xsl:when test="contains($html, '&lt;')">
      <xsl:variable name="tag" select="substring-before(substring-after($html, '&lt;'), '&gt;')"/>
      <xsl:value-of select="substring-before($html, '&lt;')"/>
      <xsl:if test="contains('|/p|br|br/|br /|/li|/div|/blockquote|/h1|/h2|/h3|/h4|/h5|/h6|/tr|/td|/th|', concat('|', $tag, '|'))"><xsl:text> </xsl:text></xsl:if>
      <xsl:call-template name="strip-tags"><xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/></xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- &amp; &lt; &gt; &quot; &apos; &nbsp; decoded; other references kept as written. -->
<xsl:template name="entities">
  <xsl:param name="text"/>
  <xsl:variable name="rest" select="substring-after($text, '&amp;')"/>
  <xsl:variable name="name" select="substring-before($rest, ';')"/>
  <xsl:choose>
    <xsl:when test="not(contains($text, '&amp;'))"><xsl:value-of select="$text"/></xsl:when>
    <xsl:when test="contains($rest, ';') and string-length($name) &lt;= 8 and not(contains($name, ' '))">
      <xsl:value-of select="substring-before($text, '&amp;')"/>
      <xsl:choose>
        <xsl:when test="$name = 'amp'">&amp;</xsl:when>
        <xsl:when test="$name = 'lt'">&lt;</xsl:when>
        <xsl:when test="$name = 'gt'">&gt;</xsl:when>
        <xsl:when test="$name = 'quot' or $name = '#34'">"</xsl:when>
        <xsl:when test="$name = 'apos' or $name = '#39'">'</xsl:when>
        <xsl:when test="$name = 'nbsp' or $name = '#160'">&#160;</xsl:when>
        <xsl:otherwise>&amp;<xsl:value-of select="$name"/>;</xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="entities"><xsl:with-param name="text" select="substring-after($rest, ';')"/></xsl:call-template>
    </xsl:when>
    <xsl:otherwise>
      <xsl:value-of select="substring-before($text, '&amp;')"/>&amp;<xsl:call-template name="entities"><xsl:with-param name="text" select="$rest"/></xsl:call-template>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>
</xsl:stylesheet>
