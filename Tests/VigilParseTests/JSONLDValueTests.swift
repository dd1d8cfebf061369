import Testing

@testable import VigilParse

@Suite struct JSONLDValueTests {
    static func parse(_ text: String) -> (JSONLDValue?, Bool) {
        var lenient = false
        var copy = text
        let value = copy.withUTF8 { JSONLDValue.parse($0, lenient: &lenient) }
        return (value, lenient)
    }

    @Test func strictJSON() throws {
        let (value, lenient) = Self.parse(
            #"{"a": "x\u00e9\"y", "b": [1, 2.5, true, null], "c": {"d": "\ud83d\ude00"}}"#)
        let object = try #require(value)
        #expect(!lenient)
        #expect(object["a"]?.string == "xé\"y")
        #expect(object["b"]?.array?.count == 4)
        #expect(object["c"]?["d"]?.string == "😀")
    }

    @Test(arguments: [
        #"{"headline": "Trailing",}"#,
        #"{"headline": 'Single quotes'}"#,
        #"{"headline": "Missing comma" "other": 1}"#,
        "{\"headline\": \"Raw\nnewline\"}",
    ])
    func lenientButRead(text: String) throws {
        let (value, lenient) = Self.parse(text)
        #expect(lenient)
        #expect(try #require(value)["headline"]?.string != nil)
    }

    @Test func unescapedInnerQuotes() {
        let (value, _) = Self.parse(#"{"headline": "Biden "unfit"", "x": 1}"#)
        #expect(value?["headline"]?.string == #"Biden "unfit""#)
        #expect(value?["x"] != nil)
    }

    @Test func unreadablePartKeepsWhatCameBefore() {
        let (value, lenient) = Self.parse(#"{"headline": "Kept", "description": ""Quote" said, x", "y": 2}"#)
        #expect(lenient)
        #expect(value?["headline"]?.string == "Kept")
    }

    @Test func bareWords() {
        let (value, lenient) = Self.parse("{\"@author\": Daniel Czyżewski,\n \"n\": 1}")
        #expect(lenient)
        #expect(value?["@author"]?.string == "Daniel Czyżewski")
    }

    @Test(arguments: ["", "   ", "]", "not json at all"])
    func nothingToRead(text: String) {
        let (value, _) = Self.parse(text)
        if case .string? = value { return }  // a bare word is a value, leniently
        #expect(value == nil)
    }

    @Test func deepNestingStops() {
        let deep = String(repeating: "[", count: 10_000)
        let (value, _) = Self.parse(deep)
        #expect(value == nil || value?.array != nil)
    }
}
