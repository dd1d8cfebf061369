import Testing

@testable import VigilParse

@Suite struct TitleResolverTests {
    static let resolver = TitleResolver(siteNames: SiteNames(["Example News", "example.com", "example"]))

    @Test(arguments: [
        ("Harbour reopens - Example News", "Harbour reopens"),
        ("Example News | Harbour reopens", "Harbour reopens"),
        ("Harbour reopens | Politics | Example News", "Harbour reopens | Politics"),
        ("Harbour reopens – example.com", "Harbour reopens"),
        ("Harbour reopens -", "Harbour reopens"),
        ("Kim: Der Diktator ist zurück - Trump ist glücklich", "Kim: Der Diktator ist zurück - Trump ist glücklich"),
        ("标题新闻_科技_Example News", "标题新闻_科技"),
    ])
    func siteNamesAreCut(title: String, expected: String) {
        #expect(Self.resolver.clean(title, headings: []).0 == expected)
    }

    @Test func segmentEqualToHeadingIsChosen() {
        let headings: Set<TextKey> = [TextKey("Harbour reopens")]
        #expect(
            Self.resolver.clean("Politics: Harbour reopens | Daily", headings: headings).0
                == "Politics: Harbour reopens | Daily")
        #expect(Self.resolver.clean("Politics | Harbour reopens | Daily", headings: headings).0 == "Harbour reopens")
    }

    @Test func metadataWinsWithoutAgreeingHeading() {
        let title = Self.resolver.resolve(
            metadata: ["Harbour reopens after storm"], documentTitle: "Harbour reopens after storm - Example News",
            headings: ["Menu", "Example News"])
        #expect(title == "Harbour reopens after storm")
    }

    @Test func shortHeadingAtTheStartIsNotTheTitle() {
        let title = Self.resolver.resolve(
            metadata: [], documentTitle: "Silicon Exposed: Open Verilog flow for GreenPak4 devices",
            headings: ["Silicon Exposed"])
        #expect(title == "Silicon Exposed: Open Verilog flow for GreenPak4 devices")
    }

    @Test func noCandidates() {
        #expect(Self.resolver.resolve(metadata: [], documentTitle: nil, headings: []) == nil)
    }
}
