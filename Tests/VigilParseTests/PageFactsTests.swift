import Testing

@testable import VigilParse

/// `PageFacts.count`: the eight-bytes-at-a-time path agrees with a plain count.
@Suite struct PageFactsTests {
    /// Reference: whitespace runs (ASCII control characters, space, U+00A0) count one, U+00AD nothing, any other
    /// scalar one; commas are `,` and the other comma characters.
    static func reference(_ text: String) -> (Int32, Int32) {
        var chars: Int32 = 0
        var commas: Int32 = 0
        var inSpace = false
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || scalar == "\u{A0}" {
                if !inSpace { chars += 1 }
                inSpace = true
            } else if scalar == "\u{AD}" {
                continue
            } else {
                chars += 1
                inSpace = false
                if ",،，、﹐︐︑⸲⸴⹁".unicodeScalars.contains(scalar) { commas += 1 }
            }
        }
        return (chars, commas)
    }

    @Test func countMatchesTheReference() {
        let pieces = [
            "word", " ", "  ", "\n\t", ",", "a,b", "é", "中文，字", "\u{A0}", "\u{AD}", "،", "x\u{1}y", "longer words here",
            "🙂", "、", "abcdefgh", "        ",
        ]
        var state: UInt64 = 42
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(state % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            let bytes = Array(text.utf8)
            let counted = bytes.withUnsafeBufferPointer { PageFacts.count($0, from: 0, length: $0.count) }
            let expected = Self.reference(text)
            #expect(counted == expected, "\(text.debugDescription)")
            state = state &* 6_364_136_223_846_793_005 &+ 1
        }
    }
}
