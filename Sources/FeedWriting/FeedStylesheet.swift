/// The XSLT 1.0 stylesheet that RSS and Atom documents name in `<?xml-stylesheet?>`, so a person
/// who opens a feed in a browser sees a page (title, a "copy this URL into your feed reader"
/// box, the items) rather than XML. Every value from the feed is written as text, never with
/// `disable-output-escaping`; the page loads nothing else and runs no script.
public enum FeedStylesheet {
    /// Its name at the output folder's root.
    public static let fileName = "feed.xsl"

    /// The relative `href` from a feed in `folder` (`""`, `category/finance/`) to the root's
    /// stylesheet, so it resolves wherever the output folder is served.
    public static func href(fromFolder folder: String) -> String {
        String(repeating: "../", count: folder.split(separator: "/").count) + fileName
    }

    /// The stylesheet's text.
    public static let text = #"""
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
              <style>\#(css)</style>
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

        """#
}
