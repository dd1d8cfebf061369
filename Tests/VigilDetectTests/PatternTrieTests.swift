import Testing

@testable import VigilDetect

/// The lexicon pattern syntax: alternatives, joined words, optional words, wildcards, case sensitivity.
@Suite struct PatternTrieTests {
    func matches(_ pattern: String, _ text: String, caseSensitive: Bool = false) -> [String] {
        var trie = PatternTrie<Int>()
        #expect(trie.add(pattern, payload: 1, caseSensitive: caseSensitive) == nil)
        let document = TextDocument(title: nil, body: text)
        return trie.matches(in: document).map { document.text(from: $0.first, to: $0.last) }
    }

    @Test func alternativesJoinedWordsAndOptionalWords() {
        #expect(matches("blew himself|themselves up", "Two men blew themselves up.") == ["blew themselves up"])
        #expect(matches("car_bomb|suicide_bomber", "A suicide bomber and a car bomb.") == ["suicide bomber", "car bomb"])
        #expect(matches("claimed the? responsibility", "X claimed responsibility; Y claimed the responsibility.")
            == ["claimed responsibility", "claimed the responsibility"])
    }

    @Test func wildcards() {
        #expect(matches("{num} attacks", "It counted 1,315 attacks and twelve attacks.") == ["1,315 attacks", "twelve attacks"])
        #expect(matches("{ord} anniversary", "the 20th anniversary and the third anniversary")
            == ["20th anniversary", "third anniversary"])
        #expect(matches("attack on {any} base", "an attack on army base; an attack on . base") == ["attack on army base"])
    }

    @Test func caseSensitiveEntriesAndSentenceBounds() {
        #expect(matches("IS", "IS claimed it. This is it.", caseSensitive: true) == ["IS"])
        #expect(matches("car bomb", "He left the car. Bomb experts came.").isEmpty)
    }

    @Test func malformedPatterns() {
        var trie = PatternTrie<Int>()
        #expect(trie.add("a||b", payload: 1) != nil)
        #expect(trie.add("x? y?", payload: 1) == nil)
        #expect(trie.add("   ", payload: 1) != nil)
    }
}
