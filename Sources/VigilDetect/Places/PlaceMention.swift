import VigilCore

/// A place name found in the text, with the gazetteer entries it may be.
public struct PlaceMention: Sendable, Equatable {
    /// How the mention was recognised.
    public enum Form: UInt8, Sendable {
        /// A gazetteer name (country, division, populated place).
        case name
        /// A demonym ("Afghan", "Nigerian"): evidence for a country, never a place.
        case demonym
        /// The country in front of a hyphenated modifier that says who holds a territory ("Indian-administered
        /// Kashmir", "Israeli-occupied"): evidence that the next place lies in that country.
        case holder
        /// A capitalised name the gazetteer lacks, in a place phrase ("in Jangebe", "the village of Solhan",
        /// "Hodan district"); it has no candidates.
        case unlisted
    }

    public var first: Int
    public var last: Int
    /// Indices into the gazetteer's entries (empty for `.unlisted`).
    public var candidates: [Int32]
    public var form: Form
    /// The name as the gazetteer spells it (for names written in capitals, as in datelines), or nil to use the text.
    public var spelling: String?

    public init(first: Int, last: Int, candidates: [Int32], form: Form = .name, spelling: String? = nil) {
        self.first = first
        self.last = last
        self.candidates = candidates
        self.form = form
        self.spelling = spelling
    }
}

/// Every place name found in a document, in text order.
public struct PlaceMentions: Sendable {
    public var mentions: [PlaceMention] = []

    public init(mentions: [PlaceMention] = []) {
        self.mentions = mentions
    }
}

/// Where an incident (or a roundup) happened.
public struct Location: Sendable, Equatable {
    /// ISO 3166-1 alpha-2.
    public var country: String?
    /// The most specific place named: village, town or city, else district, province or country, as the text
    /// writes it.
    public var place: String?
    /// The place's gazetteer name, when it is in the gazetteer ("Mazar-e Sharif" for "Mazar-i-Sharif").
    public var gazetteerName: String?
    /// What kind of place `place` is.
    public var placeKind: Gazetteer.Kind?
    /// The first-level division (province, state) the place lies in, when known.
    public var admin1: String?
    public var evidence: [Detection.Evidence] = []

    public init(
        country: String? = nil, place: String? = nil, gazetteerName: String? = nil, placeKind: Gazetteer.Kind? = nil,
        admin1: String? = nil, evidence: [Detection.Evidence] = []
    ) {
        self.country = country
        self.place = place
        self.gazetteerName = gazetteerName
        self.placeKind = placeKind
        self.admin1 = admin1
        self.evidence = evidence
    }
}
