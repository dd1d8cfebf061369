/// How much a word counts by where it stands: wire stories put the news in the headline and the first paragraph,
/// background further down. One table, shared by the decider and the event classifier.
enum Prominence {
    /// Weight of a token in paragraph `paragraph` (0 is the title).
    static func weight(paragraph: Int) -> Double {
        switch paragraph {
        case 0: return 3
        case 1: return 2
        case 2: return 1.2
        default: return 0.6
        }
    }

    /// Weight of token `index` in `document`.
    static func weight(_ document: TextDocument, _ index: Int) -> Double {
        weight(paragraph: document.sentence(of: index).paragraph)
    }
}
