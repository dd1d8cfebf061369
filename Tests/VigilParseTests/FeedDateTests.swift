import Foundation
import Testing
import VigilCore

@Suite struct FeedDateTests {
    static let variants: [(String, String)] = [
        // RFC 822 / 1123 and broken variants.
        ("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 1 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Wed, 01 Jan 97 19:48:21 GMT", "1997-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z"),
        ("Thu, 01 Jan 2004 19:48:21 EST", "2004-01-02T00:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 PDT", "2004-01-02T02:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 UT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 Z", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 A", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +0100", "2004-01-01T18:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 -05:00", "2004-01-02T00:48:21Z"),
        ("thu, 01 jan 2004 19:48:21 gmt", "2004-01-01T19:48:21Z"),
        ("Thursday,  01   January 2004   19:48:21  GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 +0100 (CET)", "2004-01-01T18:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21 GMT+2", "2004-01-01T17:48:21Z"),
        ("Thu, 01 Jan 2004", "2004-01-01T00:00:00Z"),
        ("Thu, 01 Jan 2004 07:48:21 PM GMT", "2004-01-01T19:48:21Z"),
        ("Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21Z"),
        // HTTP dates: IMF-fixdate, RFC 850, asctime.
        ("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"),
        ("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z"),
        ("Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"),
        // RFC 3339 / ISO 8601 / W3C-DTF.
        ("2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"),
        ("2003-12-31T10:14:55.52Z", "2003-12-31T10:14:55Z"),
        ("2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"),
        ("2003-12-31T10:14:55+0530", "2003-12-31T04:44:55Z"),
        ("2003-12-31t10:14:55z", "2003-12-31T10:14:55Z"),
        ("2003-12-31 10:14:55", "2003-12-31T10:14:55Z"),
        ("2003-12-31 10:14:55 +01:00", "2003-12-31T09:14:55Z"),
        ("2003-12-31T10:14Z", "2003-12-31T10:14:00Z"),
        ("2003-12-31", "2003-12-31T00:00:00Z"),
        ("2003-12", "2003-12-01T00:00:00Z"),
        ("2003", "2003-01-01T00:00:00Z"),
        ("20031231T101455Z", "2003-12-31T10:14:55Z"),
        ("  2004-04-06T23:05:43-05:00  ", "2004-04-07T04:05:43Z"),
    ]

    @Test(arguments: variants)
    func parsesVariant(input: String, expected: String) throws {
        let date = try #require(FeedDate.parse(input), "could not parse \(input)")
        #expect(FeedDate.rfc3339(date) == expected)
    }

    @Test(arguments: [
        "", "   ", "garbage", "yesterday", "Thu, 32 Jan 2004 19:48:21 GMT", "2003-13-01", "2003-02-30",
        "Thu, 01 Foo 2004 19:48:21 GMT", "2003-12-31T25:00:00Z", "2003-12-31T10:61Z", "12/31/2003", "Jan 2004",
        "2003-12-31Tnoon", "2003-12-31T10:14:55Z trailing",
    ])
    func rejectsGarbage(input: String) {
        #expect(FeedDate.parse(input) == nil)
    }

    @Test func formatsWholeSecondsInUTC() {
        #expect(FeedDate.rfc3339(Date(timeIntervalSince1970: 1_073_012_645.9)) == "2004-01-02T03:04:05Z")
        #expect(FeedDate.rfc3339(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(FeedDate.rfc3339(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func roundTripsThroughRFC3339() throws {
        for seconds in stride(from: -2_000_000_000.0, to: 4_000_000_000, by: 123_456_789) {
            let date = Date(timeIntervalSince1970: seconds)
            let parsed = try #require(FeedDate.parse(FeedDate.rfc3339(date)))
            #expect(parsed == date)
        }
    }
}
