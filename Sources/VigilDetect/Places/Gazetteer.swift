import VigilCore

/// A place name found in the text, with the gazetteer entries it may be.
public struct PlaceMention: Sendable, Equatable {
    public var first: Int
    public var last: Int
    /// Indices into the gazetteer's entries.
    public var candidates: [Int32]
}

/// Every place name found in a document.
public struct PlaceMentions: Sendable {
    public var mentions: [PlaceMention] = []
}

/// Where an incident (or a roundup) happened.
public struct Location: Sendable {
    /// ISO 3166-1 alpha-2.
    public var country: String?
    public var place: String?
    public var evidence: [Detection.Evidence] = []
}

/// Countries (with demonyms), first-level divisions and populated places, compiled from `gazetteer.tsv`.
public struct Gazetteer: Sendable {
    /// PLACEHOLDER.
    static func compile(tsv: String, file: String, problems: inout [ConfigProblem]) -> Gazetteer { Gazetteer() }

    /// PLACEHOLDER.
    func findPlaces(in context: AnalysisContext) -> PlaceMentions { PlaceMentions() }
}

/// Chooses the place and country of an incident from the place names near its triggers.
enum PlaceResolver {
    /// PLACEHOLDER.
    static func resolve(_ context: AnalysisContext, places: PlaceMentions, anchors: [Int], gazetteer: Gazetteer)
        -> Location
    {
        Location()
    }
}
