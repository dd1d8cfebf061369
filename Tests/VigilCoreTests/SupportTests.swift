import Foundation
import Testing

@testable import VigilCore

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("90s", 90.0), ("15m", 900), ("1h30m", 5400), ("2d", 172_800), ("45", 45), ("1.5h", 5400),
        ("500ms", 0.5), ("1 h", 3600), ("1w", 604_800),
    ])
    func parses(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test(arguments: ["", "soon", "5x", "m5", "1h30", "--"])
    func rejects(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formats() {
        #expect(DurationText.format(5400) == "1h30m")
        #expect(DurationText.format(45) == "45s")
        #expect(DurationText.format(0) == "0ms")
    }

    @Test func bytes() {
        #expect(DurationText.parseBytes("10MB") == 10_485_760)
        #expect(DurationText.parseBytes("512 KiB") == 524_288)
        #expect(DurationText.parseBytes("2048") == 2048)
        #expect(DurationText.parseBytes("lots") == nil)
        #expect(DurationText.parseBytes("3TB") == nil)
    }
}

@Suite struct JSONValueTests {
    @Test func serialisesInOrderWithNullsAndEscapes() {
        let value = JSONValue.object([
            ("kind", .string("feed")), ("title", .string(nil)), ("n", .int(3)), ("ok", .bool(true)),
            ("text", .string("a \"quote\"\n\\ tab\t \u{1} é 𝄞")), ("list", .array([.double(1.5), .double(2)])),
        ])
        #expect(
            value.serialized()
                == #"{"kind":"feed","title":null,"n":3,"ok":true,"text":"a \"quote\"\n\\ tab\t \u0001 é 𝄞","list":[1.5,2]}"#
        )
    }

    @Test func roundTripsThroughFoundation() throws {
        let value = JSONValue.object([
            ("s", .string("line\u{2028}sep</script>")), ("d", .date(Date(timeIntervalSince1970: 0))),
        ])
        let data = Data(value.serialized().utf8)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(parsed["s"] == "line\u{2028}sep</script>")
        #expect(parsed["d"] == "1970-01-01T00:00:00Z")
    }
}

@Suite struct RFC3339FormatTests {
    @Test func formatsUTC() {
        #expect(FeedDate.rfc3339(Date(timeIntervalSince1970: 1_073_012_645)) == "2004-01-02T03:04:05Z")
        #expect(FeedDate.rfc3339(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(FeedDate.rfc3339(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(FeedDate.rfc3339(Date(timeIntervalSince1970: 1.9)) == "1970-01-01T00:00:01Z")
    }
}

@Suite struct CanonicalURLTests {
    @Test func normalises() {
        #expect(
            CanonicalURL.normalize("HTTPS://Example.ORG:443/a?utm_source=x&id=2#frag") == "https://example.org/a?id=2")
        #expect(CanonicalURL.normalize("http://example.org") == "http://example.org/")
        #expect(CanonicalURL.normalize("http://example.org:8080/x?utm_medium=rss") == "http://example.org:8080/x")
        #expect(CanonicalURL.normalize("file:///etc/passwd") == nil)
        #expect(CanonicalURL.normalize("not a url") == nil)
    }

    @Test func httpCheck() {
        #expect(CanonicalURL.isHTTP("https://a.example/x"))
        #expect(!CanonicalURL.isHTTP("javascript:alert(1)"))
        #expect(!CanonicalURL.isHTTP("/relative/path"))
    }
}

@Suite struct ContentHashTests {
    @Test func ignoresCaseAndWhitespaceButNotWords() {
        let a = ContentHash.of(["Title  One", "body text"])
        #expect(a == ContentHash.of(["title one", "  body\n text"]))
        #expect(a == ContentHash.of(["title one", "body text"]))
        #expect(a != ContentHash.of(["title two", "body text"]))
        #expect(a != ContentHash.of(["title one body", "text"]))
        #expect(a.count == 16)
    }
}
