import Foundation
import Testing
import VigilCore
import VigilParse

/// Main-text extraction: one small page per rule, other languages, fallbacks, and hostile pages.
@Suite struct MainTextTests {
    static func extract(_ html: String, knownBoilerplate: Set<UInt64> = []) -> ExtractedArticle {
        ArticleExtractor.extract(Data(html.utf8), context: DocumentContext(), knownBoilerplate: knownBoilerplate)
    }

    /// Article paragraphs long enough to be scored as content (commas, more than 100 characters each).
    static let story = [
        "The river rose by two metres overnight, flooding the lower town, closing the bridge, and cutting off the "
            + "eastern villages from the regional hospital for most of the morning.",
        "Rescue teams from three districts worked through the night, using boats, tractors, and a borrowed "
            + "helicopter, to reach families stranded on rooftops along the old canal.",
        "Officials said the dam upstream held, but warned that more rain, expected on Thursday, could push the "
            + "water above last year's record, which destroyed more than two hundred homes.",
        "Schools will stay closed until Monday, the mayor said, and the market, the station, and the town hall "
            + "will serve as shelters for anyone who cannot return home.",
    ]

    static func page(head: String = "<title>Flood</title>", before: String = "", article: String, after: String = "")
        -> String
    {
        "<html><head>\(head)</head><body>\(before)<div class=\"main\">\(article)</div>\(after)</body></html>"
    }

    static var storyHTML: String { story.map { "<p>\($0)</p>" }.joined() }

    @Test func keepsArticleDropsNavigationFooterAndSidebar() {
        let html = Self.page(
            before: """
                <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news and more</a></li></ul></nav>
                <div class="sidebar"><p>Most read: celebrity gossip, football transfers, and recipes of the week</p></div>
                """,
            article: Self.storyHTML,
            after: "<footer><p>Copyright 2024 Example Media, all rights reserved, no reproduction.</p></footer>")
        let text = Self.extract(html).text
        for paragraph in Self.story { #expect(text.contains(paragraph)) }
        #expect(!text.contains("World news"))
        #expect(!text.contains("Most read"))
        #expect(!text.contains("Copyright"))
    }

    @Test func paragraphsAreSeparatedByBlankLines() {
        let text = Self.extract(Self.page(article: Self.storyHTML)).text
        #expect(text == Self.story.joined(separator: "\n\n"))
    }

    @Test func dropsShareBarNewsletterRelatedAndComments() {
        let article = """
            <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> Share this story</div>
            \(Self.storyHTML)
            <div class="newsletter-signup"><p>Sign up for our newsletter, every morning, free of charge.</p></div>
            <div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Storm hits the coast again</a></li>
            <li><a href="/b">Bridge repairs to cost millions</a></li></ul></div>
            <div id="comments"><p>Reader one: terrible news, thoughts with everyone, stay safe out there.</p></div>
            """
        let text = Self.extract(Self.page(article: article)).text
        for paragraph in Self.story { #expect(text.contains(paragraph)) }
        for boilerplate in ["Share this story", "newsletter", "Storm hits", "Reader one"] {
            #expect(!text.contains(boilerplate), "\(boilerplate)")
        }
    }

    @Test func dropsCookieBannerOutsideTheArticle() {
        let html = Self.page(
            before: """
                <div id="cookie-consent" class="cookie-banner"><p>We use cookies to improve your experience, \
                measure audiences, and show you relevant ads. Accept all cookies?</p><button>Accept</button></div>
                """, article: Self.storyHTML)
        let text = Self.extract(html).text
        #expect(text.contains(Self.story[0]))
        #expect(!text.contains("cookies"))
    }

    @Test func headingsListItemsAndTableCellsAreParagraphsOrLines() {
        let article = """
            \(Self.storyHTML)
            <h2>What residents should do</h2>
            <ul><li>Boil tap water before drinking it.</li><li>Keep away from the river banks.</li></ul>
            <table><tr><td>Zone A</td><td>evacuated</td></tr><tr><td>Zone B</td><td>on alert</td></tr></table>
            """
        let text = Self.extract(Self.page(article: article)).text
        let paragraphs = text.components(separatedBy: "\n\n")
        #expect(paragraphs.contains("What residents should do"))
        #expect(paragraphs.contains("Boil tap water before drinking it."))
        #expect(paragraphs.contains("Keep away from the river banks."))
        #expect(paragraphs.contains("Zone A evacuated"))
        #expect(paragraphs.contains("Zone B on alert"))
    }

    @Test func lineBreaksPreformattedTextAndSoftHyphens() {
        let article = """
            \(Self.storyHTML)<p>First line<br>second line</p><pre>let  x = 1
            let  y = 2</pre><p>Hoch\u{AD}wasser\u{A0}warnung</p>
            """
        let text = Self.extract(Self.page(article: article)).text
        #expect(text.contains("First line\nsecond line"))
        #expect(text.contains("let  x = 1\nlet  y = 2"))
        #expect(text.contains("Hochwasser warnung"))
    }

    @Test func dropsTheHeadingThatRepeatsTheTitle() {
        let html = Self.page(
            head: "<title>River floods lower town - Example News</title>",
            article: "<h1>River floods lower town</h1>\(Self.storyHTML)")
        let text = Self.extract(html).text
        #expect(!text.contains("River floods lower town"))
        #expect(text.hasPrefix(Self.story[0]))
    }

    @Test func readMoreLinksAreDropped() {
        let article = """
            \(Self.storyHTML)
            <p><strong>Read more:</strong> <a href="/x">Why the dam was never finished, and who paid for it</a></p>
            """
        let text = Self.extract(Self.page(article: article)).text
        #expect(text.contains(Self.story[3]))
        #expect(!text.contains("Read more"))
    }

    @Test func liveBlogKeepsEveryUpdate() {
        let updates = (1...8).map { index in
            """
            <article class="live-update"><time>10:\(10 + index)</time><p>Update \(index): the water level at the \
            gauge is now \(300 + index) centimetres, police said, and the evacuation of street \(index) continues.\
            </p></article>
            """
        }.joined()
        let text = Self.extract(Self.page(article: "<div class=\"liveblog\">\(updates)</div>")).text
        for index in 1...8 { #expect(text.contains("Update \(index):")) }
    }

    @Test func frenchArabicAndChinese() {
        let french = [
            "La rivière est montée de deux mètres pendant la nuit, inondant la ville basse, fermant le pont, et "
                + "coupant les villages de l'est de l'hôpital régional pendant la matinée.",
            "Les secours de trois districts ont travaillé toute la nuit, avec des bateaux, des tracteurs, et un "
                + "hélicoptère prêté, pour atteindre les familles réfugiées sur les toits.",
            "Les écoles resteront fermées jusqu'à lundi, a dit le maire, et le marché, la gare, et la mairie "
                + "serviront d'abris pour ceux qui ne peuvent pas rentrer chez eux.",
        ]
        let arabic = [
            "ارتفع منسوب النهر مترين خلال الليل، فغمرت المياه المدينة السفلى، وأُغلق الجسر، وانقطعت القرى الشرقية عن "
                + "المستشفى الإقليمي طوال الصباح.",
            "عملت فرق الإنقاذ من ثلاث مقاطعات طوال الليل، مستخدمة القوارب والجرارات، ومروحية مستعارة، للوصول إلى "
                + "العائلات العالقة على الأسطح.",
            "ستبقى المدارس مغلقة حتى يوم الاثنين، كما قال رئيس البلدية، وستكون السوق والمحطة ومبنى البلدية ملاجئ "
                + "لمن لا يستطيع العودة إلى منزله.",
        ]
        let chinese = [
            "河水一夜之间上涨了两米，淹没了下城区，关闭了大桥，使东部村庄整个上午都与地区医院失去联系。救援人员连夜赶到现场，"
                + "开始疏散被困居民。",
            "来自三个区的救援队彻夜工作，使用船只、拖拉机和一架借来的直升机，营救被困在旧运河沿岸屋顶上的家庭。当地政府表示，"
                + "所有被困人员均已获救。",
            "市长说，学校将关闭到星期一，市场、车站和市政厅将作为无法回家的人的避难所。气象部门预计，周四还会有更多降雨，"
                + "水位可能再次上涨。",
        ]
        for paragraphs in [french, arabic, chinese] {
            let html = Self.page(
                before: "<div class=\"menu\"><a href=\"/\">Accueil</a> <a href=\"/a\">Actualités</a></div>",
                article: paragraphs.map { "<p>\($0)</p>" }.joined())
            let text = Self.extract(html).text
            #expect(text == paragraphs.joined(separator: "\n\n"))
        }
    }

    @Test func itempropArticleBodyIsPreferredOverTeasers() {
        let teasers = (1...6).map {
            "<div class=\"teaser\"><p>Teaser \($0): another story, with commas, and a long enough line of text "
                + "to be scored as a paragraph by the extractor.</p></div>"
        }.joined()
        let html = """
            <html><body><div class="columns"><div itemprop="articleBody">\(Self.storyHTML)</div>
            <div class="more">\(teasers)</div></div></body></html>
            """
        let text = Self.extract(html).text
        for paragraph in Self.story { #expect(text.contains(paragraph)) }
    }

    @Test func jsonLDArticleBodyReplacesAPaywalledTeaser() throws {
        let body = Self.story.joined(separator: "\n\n")
        let jsonLD = """
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Flood",
             "articleBody": \(String(decoding: try JSONEncoder().encode(body), as: UTF8.self))}
            """
        let html = """
            <html><head><script type="application/ld+json">\(jsonLD)</script></head><body>
            <div class="article"><p>The river rose by two metres overnight…</p>
            <div class="paywall"><p>Subscribe to read the full story.</p></div></div></body></html>
            """
        let text = Self.extract(html).text
        #expect(text == body)
    }

    @Test func javaScriptAppShellGivesAReason() {
        let scripts = String(repeating: "<script>window.__STATE__ = {\"a\": [1, 2, 3]};</script>\n", count: 200)
        let html =
            "<html><head>\(scripts)</head><body><div id=\"root\"></div><noscript>Enable JS</noscript></body></html>"
        let article = Self.extract(html)
        #expect(article.text.isEmpty)
        #expect(article.problems.contains { $0.hasPrefix("looks like a JavaScript app shell") })
    }

    @Test func emptyPageGivesAReason() {
        for html in ["", "<html><body></body></html>", "   \n"] {
            let article = Self.extract(html)
            #expect(article.text.isEmpty)
            #expect(article.problems.contains("page has no text"))
        }
    }

    @Test func binaryContentGivesAReason() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var state: UInt32 = 12345
        for _ in 0..<10_000 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        let article = ArticleExtractor.extract(Data(bytes), context: DocumentContext(contentType: "text/html"))
        #expect(article.text.isEmpty)
        #expect(article.problems.contains { $0.contains("binary") })
        let gzip = ArticleExtractor.extract(Data([0x1F, 0x8B, 0x08, 0x00] + bytes), context: DocumentContext())
        #expect(gzip.problems.contains { $0.contains("binary") })
    }

    @Test func nulBytesDoNotEndThePage() {
        let html = Self.page(article: "<p>\u{0}\u{0}</p>" + Self.storyHTML)
        let text = Self.extract(html).text
        #expect(text.contains(Self.story[3]))
    }

    @Test func knownBoilerplateParagraphsAreDropped() {
        let slogan = "Example News: independent journalism since 1901, supported by readers like you."
        let html = Self.page(article: Self.storyHTML + "<p>\(slogan)</p>")
        #expect(Self.extract(html).text.contains(slogan))
        let hash = ArticleExtractor.paragraphHash(
            "  example news:   independent journalism since 1901, supported by readers like you. ")
        let text = Self.extract(html, knownBoilerplate: [hash]).text
        #expect(!text.contains(slogan))
        #expect(text == Self.story.joined(separator: "\n\n"))
    }

    @Test func pageWithoutScoredParagraphsKeepsItsText() {
        let html = "<html><body><div>Short note: the office is closed today.</div></body></html>"
        #expect(Self.extract(html).text == "Short note: the office is closed today.")
    }

    @Test func creditsAreDroppedCaptionsKept() {
        let article = """
            <p>\(Self.story[0])</p><figure><img src="a.jpg"><figcaption>Photo: Jane Doe / Agency</figcaption></figure>
            <p>\(Self.story[1])</p><div class="wp-caption"><p class="credit">Bild: Example Media</p></div>
            <p>\(Self.story[2])</p><figure><img src="b.jpg"><figcaption>Volunteers carry sandbags to the old \
            canal wall on Wednesday evening, while the water keeps rising behind them.</figcaption></figure>
            <p>\(Self.story[3])</p><figure><img src="c.jpg"><figcaption>Rescuers at the bridge.</figcaption></figure>
            <figure><img src="d.jpg"><figcaption>© Example Agency</figcaption></figure>
            """
        let text = Self.extract(Self.page(article: article)).text
        #expect(text.contains("Rescuers at the bridge."))
        #expect(!text.contains("Example Agency"))
        #expect(!text.contains("Jane Doe"))
        #expect(!text.contains("Example Media"))
        #expect(text.contains("Volunteers carry sandbags"))
    }

    @Test func leadBetweenHeadlineAndBodyIsKept() {
        let html = """
            <html><head><title>Flood - Example News</title></head><body>
            <div class="header-area"><h1>River floods lower town</h1>
            <p class="standfirst">The worst flood in forty years forced hundreds of families from their homes overnight.</p>
            <p class="date">12 May 2024</p></div>
            <div class="share-tools"><a href="/s">Share</a></div>
            <div class="article-body">\(Self.storyHTML)</div>
            <div class="sidebar"><p>Most read: something else, with commas, and enough length to be seen as text.</p></div>
            </body></html>
            """
        let text = Self.extract(html).text
        #expect(text.hasPrefix("The worst flood in forty years"))
        #expect(!text.contains("12 May 2024"))
        #expect(text.contains(Self.story[3]))
        #expect(!text.contains("Most read"))
    }

    @Test func linkListsInsideTheArticleStay() {
        let article = """
            \(Self.storyHTML)<p>Useful numbers:</p><ul><li><a href="/a">Flood hotline and shelter list</a></li>
            <li><a href="/b">Road closures map</a></li></ul>
            """
        let text = Self.extract(Self.page(article: article)).text
        #expect(text.contains(Self.story[0]))
    }

    @Test func pageOfNavigationOnlyGivesAReason() {
        let links = (1...40).map { "<li><a href=\"/s\($0)\">Section number \($0) of the site</a></li>" }.joined()
        let article = Self.extract("<html><body><nav><ul>\(links)</ul></nav></body></html>")
        #expect(article.text.isEmpty)
        #expect(article.problems.contains { $0.hasPrefix("no article text found") })
    }

    @Test func adPlaceholdersAndMetaLinesAreDropped() {
        let article = """
            <header><a class="section-label" href="/world">World</a><h1>River floods lower town</h1>
            <div class="article-meta"><span>Jane Doe</span> <span>12 May 2024</span></div></header>
            <p>\(Self.story[0])</p><div class="slot"><span>Advertisement</span></div><p>\(Self.story[1])</p>
            <p>\(Self.story[2])</p><div><span>Anzeige</span></div><p>\(Self.story[3])</p>
            """
        let text = Self.extract(Self.page(head: "<title>River floods lower town</title>", article: article)).text
        #expect(text == Self.story.joined(separator: "\n\n"))
    }
}
