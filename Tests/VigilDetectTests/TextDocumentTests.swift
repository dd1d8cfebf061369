import Testing

@testable import VigilDetect

@Suite struct TextDocumentTests {
    func words(_ document: TextDocument) -> [String] { document.tokens.indices.map { document.text($0) } }

    @Test func tokensKeepInnerHyphensAndApostrophesAndSplitPossessives() {
        let doc = TextDocument(
            title: "IS-K claims attack",
            body:
                "Al-Shabaab's fighters and Jama’at Nusrat al-Islam wal-Muslimin (JNIM) hit 1,315 targets, 3.5 times more in 2014-2018."
        )
        let w = words(doc)
        #expect(w.contains("IS-K"))
        #expect(w.contains("Al-Shabaab"))
        #expect(w.contains("'"))
        #expect(w.contains("Jama’at"))
        #expect(w.contains("1,315"))
        #expect(w.contains("3.5"))
        #expect(w.contains("2014"))
        #expect(w.contains("2018"))
        let number = doc.tokens[w.firstIndex(of: "1,315")!]
        #expect(number.kind == .number)
        #expect(doc.tokens[w.firstIndex(of: "JNIM")!].allCaps)
        #expect(doc.tokens[w.firstIndex(of: "Jama’at")!].folded == TextDocument.hash("jama'at"))
    }

    @Test func sentencesSplitOnPeriodsButNotAbbreviationsOrInitials() {
        let doc = TextDocument(
            title: "Headline",
            body: "Gen. Ahmed said U.S. forces left. George W. Bush spoke. Then 12 died!\n\nNew paragraph here")
        #expect(doc.sentences.count == 5)
        #expect(doc.sentences[0].paragraph == 0)
        #expect(
            doc.text(from: doc.sentences[1].tokens.first!, to: doc.sentences[1].tokens.last!)
                == "Gen. Ahmed said U.S. forces left.")
        #expect(
            doc.text(from: doc.sentences[2].tokens.first!, to: doc.sentences[2].tokens.last!) == "George W. Bush spoke."
        )
        #expect(doc.sentences[4].paragraph == 2)
    }

    @Test func evidenceOffsetsCountScalarsInTitlePlusBody() {
        let doc = TextDocument(title: "Bombe à Kaboul", body: "Un kamikaze a tué 12 personnes.")
        let index = doc.tokens.indices.first { doc.text($0) == "12" }!
        let span = doc.evidence("killed", from: index, to: index)
        let full = Array("Bombe à Kaboul\n\nUn kamikaze a tué 12 personnes.".unicodeScalars)
        #expect(span.text == "12")
        #expect(String(String.UnicodeScalarView(full[span.start..<span.end])) == "12")
    }

    @Test func hugeAndEmptyInputsAreBounded() {
        #expect(TextDocument(title: nil, body: "").tokens.isEmpty)
        let big = TextDocument(title: nil, body: String(repeating: "word ", count: 600_000))
        #expect(big.bytes.count <= TextDocument.maxBytes)
        let junk = TextDocument(title: nil, body: String(decoding: (0..<5000).map { UInt8($0 % 256) }, as: UTF8.self))
        #expect(junk.tokens.count > 0)
    }
}

/// Plain phrases through the pattern trie: tokenised like the text, longest match first.
@Suite struct PhraseMatchingTests {
    @Test func matchesLongestPhrasesIgnoringCaseUnlessCaseSensitive() {
        var matcher = PatternTrie<String>()
        matcher.add("Islamic State", payload: "IS-long")
        matcher.add("Islamic State Khorasan Province", payload: "ISKP")
        matcher.add("IS", payload: "IS-acronym", caseSensitive: true)
        matcher.add("suicide bomber", payload: "suicide")
        let doc = TextDocument(
            title: nil,
            body: "The Islamic State Khorasan Province said IS is behind it; a Suicide Bomber and islamic state.")
        let found = matcher.matches(in: doc).map(\.payload)
        #expect(found == ["ISKP", "IS-acronym", "suicide", "IS-long"])
    }

    @Test func alternativeSpellingsViaTokenisation() {
        var matcher = PatternTrie<Int>()
        matcher.add("al-Shabaab", payload: 1)
        matcher.add("Jama'at Nusrat al-Islam wal-Muslimin", payload: 2)
        let doc = TextDocument(title: nil, body: "AL-SHABAAB and Jama’at Nusrat al‑Islam wal-Muslimin")
        #expect(matcher.matches(in: doc).map(\.payload) == [1, 2])
    }
}
