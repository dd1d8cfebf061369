import Foundation
import Testing
import VigilCore

@testable import VigilParse

@Suite struct PageMetadataTests {
    /// Parses a page the way `ArticleExtractor` does and reads its metadata.
    static func metadata(_ html: String, url: String? = "https://news.example.com/world/story") -> PageMetadata {
        let input = HTMLInput(Data(html.utf8), contentType: nil)
        let tree = HTMLTreeBuilder.build(input.bytes)
        return PageMetadata.extract(tree: tree, jsonLD: input.jsonLD, url: url)
    }

    static func day(_ date: Date?) -> String? { date.map { String(FeedDate.rfc3339($0).prefix(10)) } }

    static func page(head: String = "", body: String = "", lang: String? = nil) -> String {
        let langAttribute = lang.map { " lang=\"\($0)\"" } ?? ""
        return "<!DOCTYPE html><html\(langAttribute)><head>\(head)</head><body>\(body)</body></html>"
    }

    static func jsonLD(_ json: String) -> String { "<script type=\"application/ld+json\">\(json)</script>" }

    // MARK: JSON-LD

    @Test func jsonLDSingleObject() {
        let html = Self.page(
            head: Self.jsonLD(
                """
                {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Dam breach floods valley",
                 "datePublished": "2021-06-03T08:15:00+02:00", "dateModified": "2021-06-03T10:00:00+02:00",
                 "author": {"@type": "Person", "name": "Jane Doe"}, "inLanguage": "en-GB",
                 "publisher": {"@type": "Organization", "name": "Example News"},
                 "mainEntityOfPage": {"@type": "WebPage", "@id": "https://news.example.com/a/1"}}
                """))
        let metadata = Self.metadata(html)
        #expect(metadata.title == "Dam breach floods valley")
        #expect(metadata.author == "Jane Doe")
        #expect(metadata.published.map(FeedDate.rfc3339) == "2021-06-03T06:15:00Z")
        #expect(metadata.publishedUTCOffset == 7200)
        #expect(metadata.modified.map(FeedDate.rfc3339) == "2021-06-03T08:00:00Z")
        #expect(metadata.language == "en-GB")
        #expect(metadata.siteName == "Example News")
        #expect(metadata.canonicalURL == "https://news.example.com/a/1")
        #expect(metadata.problems.isEmpty)
    }

    @Test func jsonLDArrayOfBlocksAndTypeArray() {
        let html = Self.page(
            head: Self.jsonLD(
                """
                [{"@type": "BreadcrumbList", "itemListElement": []},
                 {"@type": ["Article", "NewsArticle"], "headline": "Port strike ends", "datePublished": "2022-05-04"}]
                """))
        let metadata = Self.metadata(html)
        #expect(metadata.title == "Port strike ends")
        #expect(Self.day(metadata.published) == "2022-05-04")
    }

    @Test func jsonLDGraphWithAuthorReferences() {
        let html = Self.page(
            head: Self.jsonLD(
                """
                {"@context": "https://schema.org", "@graph": [
                  {"@type": "WebSite", "@id": "https://example.org/#site", "name": "Example Daily"},
                  {"@type": "Person", "@id": "https://example.org/#/person/1", "name": "Ana Lima"},
                  {"@type": "BlogPosting", "headline": "Wildfire reaches suburbs",
                   "author": [{"@id": "https://example.org/#/person/1"}, {"@type": "Person", "name": "Bo Chen"}],
                   "datePublished": "2023-11-08T21:24:10-05:00"}]}
                """))
        let metadata = Self.metadata(html)
        #expect(metadata.title == "Wildfire reaches suburbs")
        #expect(metadata.author == "Ana Lima; Bo Chen")
        #expect(metadata.publishedUTCOffset == -18000)
        #expect(Self.day(metadata.published) == "2023-11-09")
    }

    @Test func organizationAuthorIsOnlyAFallback() {
        let withPerson = Self.page(
            head: Self.jsonLD(
                """
                {"@type": "NewsArticle", "headline": "Quake", "author": {"@type": "Organization", "name": "Wire Desk"}}
                """) + "<meta name=\"author\" content=\"Carla Ruiz\">")
        #expect(Self.metadata(withPerson).author == "Carla Ruiz")
        let alone = Self.page(
            head: Self.jsonLD(
                """
                {"@type": "NewsArticle", "headline": "Quake", "author": {"@type": "Organization", "name": "Wire Desk"}}
                """))
        #expect(Self.metadata(alone).author == "Wire Desk")
    }

    @Test func jsonLDHeadlineWithEntitiesAndCDATA() {
        let html = Self.page(
            head: Self.jsonLD(
                """
                //<![CDATA[
                {"@type": "NewsArticle", "headline": "&#8222;Alarm&#8220; in Rom &amp; Mailand"}
                //]]>
                """))
        #expect(Self.metadata(html).title == "„Alarm“ in Rom & Mailand")
    }

    @Test func brokenJSONLDIsRecordedAndOtherSourcesStillUsed() {
        let html = Self.page(
            head: Self.jsonLD("{\"@type\": \"NewsArticle\", ]]] not json")
                + "<meta property=\"og:title\" content=\"Bridge closed after crash\">"
                + "<meta property=\"article:published_time\" content=\"2020-02-24T10:00:00Z\">")
        let metadata = Self.metadata(html)
        #expect(!metadata.problems.isEmpty)
        #expect(metadata.title == "Bridge closed after crash")
        #expect(Self.day(metadata.published) == "2020-02-24")
    }

    @Test func leniencyIsRecordedButTheBlockIsUsed() {
        let html = Self.page(
            head: Self.jsonLD(
                """
                {"@type": "NewsArticle", "headline": "Senator calls rival "unfit"", "author": Jane Doe,
                 "datePublished": "2022-05-10",}
                """))
        let metadata = Self.metadata(html)
        #expect(metadata.title == "Senator calls rival \"unfit\"")
        #expect(metadata.author == "Jane Doe")
        #expect(metadata.problems.count == 1)
    }

    @Test func articleBodyKeptOnlyWhenPlausible() {
        let body = String(repeating: "Rescue teams searched the collapsed building overnight. ", count: 8)
        let long = Self.page(
            head: Self.jsonLD(
                "{\"@type\": \"NewsArticle\", \"headline\": \"H\", \"articleBody\": \"<p>\(body)</p><p>Second.</p>\"}"))
        #expect(Self.metadata(long).articleBody?.hasSuffix("\n\nSecond.") == true)
        let short = Self.page(
            head: Self.jsonLD("{\"@type\": \"NewsArticle\", \"headline\": \"H\", \"articleBody\": \"Too short.\"}"))
        #expect(Self.metadata(short).articleBody == nil)
        let summaryOnly = Self.page(
            head: Self.jsonLD(
                "{\"@type\": \"NewsArticle\", \"description\": \"\(body)\", \"articleBody\": \"\(body)\"}"))
        #expect(Self.metadata(summaryOnly).articleBody == nil)
    }

    // MARK: OpenGraph and meta

    @Test func openGraphOnly() {
        let html = Self.page(
            head: """
                <meta property="og:title" content="Floods close motorway">
                <meta property="og:site_name" content="Daily Example">
                <meta property="og:url" content="https://daily.example.com/floods">
                <meta property="og:description" content="Heavy rain overnight.">
                <meta property="og:locale" content="de_DE">
                <meta property="article:published_time" content="2021-11-03T09:40:00+01:00">
                <meta property="article:modified_time" content="2021-11-03T12:00:00+01:00">
                <meta property="article:author" content="https://www.facebook.com/someone">
                """)
        let metadata = Self.metadata(html)
        #expect(metadata.title == "Floods close motorway")
        #expect(metadata.siteName == "Daily Example")
        #expect(metadata.canonicalURL == "https://daily.example.com/floods")
        #expect(metadata.summary == "Heavy rain overnight.")
        #expect(metadata.language == "de-DE")
        #expect(metadata.published.map(FeedDate.rfc3339) == "2021-11-03T08:40:00Z")
        #expect(metadata.modified.map(FeedDate.rfc3339) == "2021-11-03T11:00:00Z")
        #expect(metadata.author == nil)  // a profile URL is not a name
    }

    @Test func metaTagsOnly() {
        let html = Self.page(
            head: """
                <title>Ferry capsizes off coast</title>
                <meta name="author" content="Von Max Muster und Erika Beispiel">
                <meta name="date" content="2019-10-19">
                <meta name="description" content="Dozens rescued.">
                """, lang: "de")
        let metadata = Self.metadata(html)
        #expect(metadata.title == "Ferry capsizes off coast")
        #expect(metadata.author == "Max Muster; Erika Beispiel")
        #expect(Self.day(metadata.published) == "2019-10-19")
        #expect(metadata.summary == "Dozens rescued.")
        #expect(metadata.language == "de")
    }

    @Test func authorMetaNamingTheSiteIsOnlyAFallback() {
        let html = Self.page(
            head: """
                <meta property="og:site_name" content="Badische Zeitung">
                <meta name="author" content="Badische Zeitung">
                """, body: "<h1>Wohnungssuche</h1><span class=\"article-author\">Von Lisa Petrich</span>")
        #expect(Self.metadata(html).author == "Lisa Petrich")
    }

    // MARK: Microdata, time, bylines

    @Test func microdataOnly() {
        let html = Self.page(
            body: """
                <article itemscope itemtype="https://schema.org/NewsArticle">
                <h1 itemprop="headline">Storm cuts power to thousands</h1>
                <span itemprop="author" itemscope itemtype="https://schema.org/Person">
                  By <span itemprop="name">Ruth Okafor</span></span>
                <time itemprop="datePublished" datetime="2017-07-27T10:00:00Z">July 27</time>
                <meta itemprop="dateModified" content="2017-07-28T10:00:00Z">
                </article>
                """)
        let metadata = Self.metadata(html)
        #expect(metadata.title == "Storm cuts power to thousands")
        #expect(metadata.author == "Ruth Okafor")
        #expect(Self.day(metadata.published) == "2017-07-27")
        #expect(Self.day(metadata.modified) == "2017-07-28")
    }

    @Test func timeElementOnly() {
        let html = Self.page(
            body: "<h1>Council votes</h1><p>Posted <time datetime=\"2022-01-11T08:00:00+01:00\">11.1.</time></p>")
        let metadata = Self.metadata(html)
        #expect(Self.day(metadata.published) == "2022-01-11")
        #expect(metadata.publishedUTCOffset == 3600)
    }

    @Test(arguments: [
        ("en", "<p class=\"byline\">By Jane Doe and John Roe | June 3, 2021</p>", "Jane Doe; John Roe"),
        ("de", "<div class=\"autor\">Von Max Muster, 3. Juni 2021</div>", "Max Muster"),
        ("fr", "<span class=\"auteur\">Par Marie Dupont et Luc Martin</span>", "Marie Dupont; Luc Martin"),
        ("es", "<div class=\"author-name\">Por Ana García y Luis Pérez</div>", "Ana García; Luis Pérez"),
        ("it", "<span class=\"byline\">di Giulia Rossi</span>", "Giulia Rossi"),
        ("nl", "<span class=\"auteur\">Door Jan de Vries en Piet Jansen</span>", "Jan de Vries; Piet Jansen"),
        ("en", "<address>Agencia EFE<br>04.05.2022</address>", "Agencia EFE"),
        ("en", "<a rel=\"author\" href=\"/people/x\">Written by: Sam Lee</a>", "Sam Lee"),
        ("ru", "<div class=\"news-author\">Автор: Анна Воронцова</div>", "Анна Воронцова"),
        (
            "en",
            "<div class=\"entry-byline\"><a rel=\"author\" href=\"/people/p\">Priya Nair</a> <span>Technology and "
                + "security correspondent</span> <span>Updated a day ago</span></div>", "Priya Nair"
        ),
        (
            "en",
            "<p class=\"byline\">By <a rel=\"author\">Jane Doe</a> and <a rel=\"author\">John Roe</a>, staff</p>",
            "Jane Doe; John Roe"
        ),
    ])
    func bylineInThePage(language: String, byline: String, expected: String) {
        let html = Self.page(body: "<h1>Headline of the story</h1>\(byline)<p>Text.</p>", lang: language)
        #expect(Self.metadata(html).author == expected)
    }

    @Test func bylinesInCommentsAndFootersAreIgnored() {
        let html = Self.page(
            body: """
                <h1>Headline</h1><footer><span class="author">Site Team</span></footer>
                <div class="comments"><span class="comment-author">Troll</span><span class="author">Troll</span></div>
                """)
        #expect(Self.metadata(html).author == nil)
    }

    @Test func writtenDateNearTheHeadline() {
        let html = Self.page(
            body: "<h1>Gute Löhne</h1><span class=\"_publishingdate\">07.11.2023</span><p>Text.</p>", lang: "de")
        #expect(Self.day(Self.metadata(html).published) == "2023-11-07")
    }

    @Test func dateInURL() {
        let metadata = Self.metadata(
            Self.page(body: "<h1>Hello</h1>"), url: "https://example.com/2020/04/10/mass-burials/")
        #expect(Self.day(metadata.published) == "2020-04-10")
    }

    // MARK: Title

    @Test func titleSiteNameSuffixIsCut() {
        let html = Self.page(
            head: """
                <title>Obama admits US gun laws are his 'biggest frustration' - BBC News</title>
                <meta property="og:site_name" content="BBC News">
                """)
        #expect(Self.metadata(html).title == "Obama admits US gun laws are his 'biggest frustration'")
    }

    @Test func titleSiteNamePrefixIsCutUsingTheHost() {
        let html = Self.page(head: "<title>Example Times | Harbour reopens after storm</title>")
        let metadata = Self.metadata(html, url: "https://www.exampletimes.com/news/harbour")
        #expect(metadata.title == "Harbour reopens after storm")
    }

    @Test func headingAgreeingWithMetadataWins() {
        let html = Self.page(
            head: "<meta property=\"og:title\" content=\"Fire in the hills: thousands flee | Daily\">",
            body: "<h1>Daily</h1><h1>Fire in the hills: “thousands flee”</h1>")
        let metadata = Self.metadata(html, url: "https://daily.example/x")
        #expect(metadata.title == "Fire in the hills: “thousands flee”")
    }

    @Test func headingWithKickerYieldsTheMetadataTitle() {
        let html = Self.page(
            head: "<meta property=\"og:title\" content=\"Getränke per Schiff ins Stadtzentrum\">",
            body: "<h1><span>Olympia</span> Getränke per Schiff ins Stadtzentrum</h1>")
        #expect(Self.metadata(html).title == "Getränke per Schiff ins Stadtzentrum")
    }

    @Test func logoHeadingIsNotTheTitle() {
        let html = Self.page(
            head: "<meta property=\"og:site_name\" content=\"regards.fr\">"
                + "<meta property=\"og:title\" content=\"Deux ans et demi en Macronie\">",
            body: "<h1>regards.fr</h1>")
        #expect(Self.metadata(html).title == "Deux ans et demi en Macronie")
    }

    // MARK: Links and language

    @Test func canonicalRelativeURLIsMadeAbsolute() {
        let html = Self.page(head: "<link rel=\"canonical\" href=\"/world/2021/06/03/story?id=1\">")
        let metadata = Self.metadata(html, url: "https://news.example.com/amp/story")
        #expect(metadata.canonicalURL == "https://news.example.com/world/2021/06/03/story?id=1")
        #expect(Self.day(metadata.published) == "2021-06-03")
    }

    @Test func htmlLangIsTheLanguage() {
        let html = Self.page(head: "<meta property=\"og:locale\" content=\"en_US\">", lang: "pt-BR")
        #expect(Self.metadata(html).language == "pt-BR")
    }

    @Test func pageWithoutMetadata() {
        let metadata = Self.metadata("<html><body><p>Just text.</p></body></html>", url: nil)
        #expect(metadata == PageMetadata())
        #expect(Self.metadata("", url: nil) == PageMetadata())
    }
}
