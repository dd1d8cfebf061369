import Testing

@testable import VigilCore

@Suite struct FeedListParserTests {
    @Test func parsesFeedsWithDefaultsAndOverrides() throws {
        let yaml = """
            # world news
            defaults:
              interval: 30m
              tags: [world]
            feeds:
              - url: https://example.org/world/rss.xml
                name: Example World
                fetch_articles: true
                tags: [africa]
              - url: http://example.net/feed.atom
                interval: 5m
                enabled: false
              - https://example.com/short.json
            """
        let (feeds, problems) = FeedListParser.parse(yaml: yaml, file: "world.yaml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(feeds.count == 3)
        #expect(feeds[0].url == "https://example.org/world/rss.xml")
        #expect(feeds[0].name == "Example World")
        #expect(feeds[0].fetchArticles)
        #expect(feeds[0].tags == ["world", "africa"])
        #expect(feeds[0].interval == 1800)
        #expect(feeds[0].origin == SourceLocation(file: "world.yaml", line: 6))
        #expect(feeds[1].interval == 300)
        #expect(!feeds[1].enabled)
        #expect(feeds[2].url == "https://example.com/short.json")
        #expect(feeds[2].tags == ["world"])
    }

    @Test func bareListIsAccepted() {
        let (feeds, problems) = FeedListParser.parse(yaml: "- url: https://a.example/rss\n", file: "a.yaml")
        #expect(problems.isEmpty)
        #expect(feeds.map(\.url) == ["https://a.example/rss"])
    }

    @Test func reportsBadURLsUnknownKeysBadDurationsAndDuplicates() {
        let yaml = """
            feeds:
              - url: ftp://example.org/feed
              - url: https://example.org/a
                intervall: 5m
              - url: https://example.org/b
                interval: often
              - url: https://EXAMPLE.org/b#top
              - name: no url
              - url: https://example.org/c
            """
        let (feeds, problems) = FeedListParser.parse(yaml: yaml, file: "f.yaml")
        let rendered = problems.map(\.description)
        #expect(rendered.contains { $0.hasPrefix("f.yaml:2: bad URL 'ftp://example.org/feed'") })
        #expect(rendered.contains("f.yaml:4: unknown key 'intervall' in a feed (did you mean 'interval'?)"))
        #expect(rendered.contains { $0.hasPrefix("f.yaml:6: 'interval': bad duration 'often'") })
        #expect(rendered.contains("f.yaml:8: feed has no 'url'"))
        #expect(problems.count == 4)
        // Feeds with a problem are left out; line 7 is no duplicate because line 5 was rejected.
        #expect(feeds.map(\.url) == ["https://EXAMPLE.org/b#top", "https://example.org/c"])
    }

    @Test func duplicateWithinFileIsReported() {
        let yaml = "feeds:\n  - url: https://example.org/b\n  - url: https://EXAMPLE.org/b#top\n"
        let (feeds, problems) = FeedListParser.parse(yaml: yaml, file: "f.yaml")
        #expect(feeds.count == 1)
        #expect(
            problems.map(\.description) == [
                "f.yaml:3: duplicate feed https://EXAMPLE.org/b#top (first defined at line 2)"
            ])
    }

    @Test func commentOnlyFileHasNoFeedsAndNoProblems() {
        let (feeds, problems) = FeedListParser.parse(yaml: "# nothing yet\n", file: "empty.yaml")
        #expect(feeds.isEmpty)
        #expect(problems.isEmpty)
    }

    @Test func catalogDropsDuplicatesAcrossFilesFirstFileWins() {
        var catalog = FeedCatalog()
        catalog.set(
            file: "b.yaml",
            feeds: [FeedDefinition(url: "https://x.example/rss", origin: .init(file: "b.yaml", line: 3))])
        catalog.set(
            file: "a.yaml",
            feeds: [FeedDefinition(url: "https://X.example/rss", origin: .init(file: "a.yaml", line: 7))])
        let (feeds, problems) = catalog.resolved()
        #expect(feeds.map(\.origin.file) == ["a.yaml"])
        #expect(
            problems.map(\.description) == [
                "b.yaml:3: duplicate feed https://x.example/rss (already defined at a.yaml:7)"
            ])
        catalog.remove(file: "a.yaml")
        #expect(catalog.resolved().feeds.map(\.origin.file) == ["b.yaml"])
    }
}
