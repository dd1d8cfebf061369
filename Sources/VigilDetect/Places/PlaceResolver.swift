import VigilCore

/// Chooses the place and country of an incident (or of a roundup statement) from the place names in the text.
///
/// The rules, each a sentence:
/// - Every mention gets a role from the words around it: a place phrase ("in/near/outside/at X", "the town of X",
///   "west of X") or the object of an attack word ("struck Solhan") counts most, a container ("Nigeria's Zamfara
///   state", "Jolo, Sulu province", "Solhan in northern Burkina Faso") next, then a dateline, a modifier ("Kabul
///   airport"), a bare name; a demonym ("Afghan police") counts little, a speaker ("Turkey said") and an origin
///   ("based in Pakistan", "from Afghanistan") almost nothing, and a neighbour ("the border with Niger", "the
///   Afghan border") nothing.
/// - A mention counts more the nearer it is to the anchors (same sentence first), and the title and the first
///   paragraph count more than later paragraphs.
/// - A name with several entries takes the one its container, the countries and provinces the article names, and
///   population favour ("Colombo" with "Sri Lanka" is in Sri Lanka, "Punjab" with "Lahore" in Pakistan); a name
///   followed by "state/province/district" is the division.
/// - The country is the one with the most weighted evidence; a capital's dateline counts less than a place phrase
///   (so "WASHINGTON —" does not beat "in northern Syria"), and a small namesake in a country the article never
///   names becomes an unlisted place of the winning country ("Solhan" in Burkina Faso, not Turkey).
/// - The place is the most specific place of that country in the title and first paragraph; when they name only a
///   province or the country, a town or district in a sentence with an anchor refines it, then the dateline;
///   else the province or country itself.
/// - For a roundup statement (anchors that form a run of five or more tokens), the country is the one the
///   statement names in place of the attacks ("attacks in Pakistan"), else the one the title names; none when
///   it names several or none.
enum PlaceResolver {
    /// The minimum length of a run of anchors that marks a roundup statement rather than trigger words.
    static let statementLength = 5

    static func resolve(_ context: AnalysisContext, places: PlaceMentions, anchors: [Int], gazetteer: Gazetteer)
        -> Location
    {
        guard !places.mentions.isEmpty else { return Location() }
        let valid = anchors.filter { $0 >= 0 && $0 < context.document.tokens.count }.sorted()
        var analysis = PlaceAnalysis(context: context, places: places, anchors: valid, gazetteer: gazetteer)
        if isStatement(valid) { return analysis.resolveStatement() }
        return analysis.resolveIncident()
    }

    /// Anchors that contain a run of consecutive tokens as long as a clause are a roundup statement.
    static func isStatement(_ anchors: [Int]) -> Bool {
        var run = 1
        for (a, b) in zip(anchors, anchors.dropFirst()) {
            run = b == a + 1 ? run + 1 : (b == a ? run : 1)
            if run >= statementLength { return true }
        }
        return false
    }
}
