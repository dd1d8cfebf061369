import Foundation
import Testing
import VigilCore

@Suite struct PageDateTests {
    static func day(_ date: PageDate?) -> String? { date.map { String(FeedDate.rfc3339($0.date).prefix(10)) } }

    @Test(arguments: [
        ("2021-06-03T08:15:00+02:00", "2021-06-03T06:15:00Z", 7200 as Int?),
        ("2023-11-08T21:24:10.336533-05:00", "2023-11-09T02:24:10Z", -18000),
        ("2020-02-25T02:25:54Z", "2020-02-25T02:25:54Z", 0),
        ("Wed, 02 Feb 2022 09:12:22 +0100", "2022-02-02T08:12:22Z", 3600),
        ("Wed, 04 May 2022 02:41:00 GMT", "2022-05-04T02:41:00Z", 0),
        ("2022-5-5 22:17:36", "2022-05-05T22:17:36Z", nil),
        ("2021-11-8", "2021-11-08T00:00:00Z", nil),
        ("2022/05/10 17:36:11", "2022-05-10T17:36:11Z", nil),
        ("1651626439", "2022-05-04T01:07:19Z", 0),
        ("1651626439000", "2022-05-04T01:07:19Z", 0),
        ("Tue Feb 20 2018 01:00:00 GMT+0100 (Central European Standard Time)", "2018-02-20T00:00:00Z", 3600),
        ("2019-10-19", "2019-10-19T00:00:00Z", nil),
    ])
    func machineDates(input: String, expected: String, offset: Int?) throws {
        let date = try #require(PageDate.parse(input), "could not parse \(input)")
        #expect(FeedDate.rfc3339(date.date) == expected)
        #expect(date.utcOffset == offset)
    }

    @Test func rfc3339KeepsThePagesZone() throws {
        #expect(try #require(PageDate.parse("2022-05-03T22:46:08-03:00")).rfc3339 == "2022-05-03T22:46:08-03:00")
        #expect(try #require(PageDate.parse("2022-01-15T00:48:00+01:00")).rfc3339 == "2022-01-15T00:48:00+01:00")
        #expect(try #require(PageDate.parse("2023-01-01T10:00:00+05:30")).rfc3339 == "2023-01-01T10:00:00+05:30")
        #expect(try #require(PageDate.parse("2020-02-25T02:25:54Z")).rfc3339 == "2020-02-25T02:25:54Z")
        #expect(try #require(PageDate.parse("2019-10-19")).rfc3339 == "2019-10-19T00:00:00Z")
    }

    @Test(arguments: ["", "yesterday", "10/05/2022 05:22 pm", "12", "2022-13-45", "99999999999"])
    func machineDatesRejectGuesses(input: String) {
        #expect(PageDate.parse(input) == nil)
    }

    @Test(
        arguments: [
            ("June 3, 2021", "en", "2021-06-03"),
            ("Jun. 3rd 2021, 9:24 PM", "en", "2021-06-03"),
            ("Published on 3 June 2021", "en", "2021-06-03"),
            ("Mittwoch, 3. Juni 2021, 10:52 Uhr", "de", "2021-06-03"),
            ("3. März 2021", "de", "2021-03-03"),
            ("jeudi 13 juin 2019", "fr", "2019-06-13"),
            ("21 de junio de 2018", "es", "2018-06-21"),
            ("04 mayo 2022 - 00:00", "es", "2022-05-04"),
            ("4 de maio de 2022", "pt", "2022-05-04"),
            ("3 czerwca 2021", "pl", "2021-06-03"),
            ("1. listopadu 2021", "cs", "2021-11-01"),
            ("03.06.2021", "de", "2021-06-03"),
            ("veröffentlicht 28.01.2022 06:00", "de", "2022-01-28"),
            ("03/06/2021", "fr", "2021-06-03"),
            ("06/03/2021", "en-US", "2021-06-03"),
            ("25/12/2021", "en-US", "2021-12-25"),
            ("2021-06-03", nil, "2021-06-03"),
            ("2021年6月3日", "zh", "2021-06-03"),
            ("30 septembre 2018", "fr", "2018-09-30"),
        ] as [(String, String?, String)])
    func writtenDates(input: String, language: String?, expected: String) {
        #expect(Self.day(PageDate.parseWritten(input, language: language)) == expected)
    }

    @Test(arguments: ["Updated today", "Juni", "Chapter 3, verse 12", "1234 Main Street"])
    func writtenDatesRejectNonDates(input: String) {
        #expect(PageDate.parseWritten(input, language: "en") == nil)
    }

    @Test(arguments: [
        ("https://example.com/2021/06/03/title/", "2021-06-03"),
        ("https://example.com/news/2021-06-03-title", "2021-06-03"),
        ("https://example.com/a/20210603/title.html", "2021-06-03"),
        ("https://example.com/blog/2024/06/25/findings/", "2024-06-25"),
    ])
    func datesInURLs(url: String, expected: String) {
        #expect(Self.day(PageDate.fromURL(url)) == expected)
    }

    @Test(arguments: [
        "https://example.com/2021/06/title", "https://example.com/article/123456789", "https://2021.example.com/0603",
    ])
    func urlsWithoutDates(url: String) {
        #expect(PageDate.fromURL(url) == nil)
    }
}
