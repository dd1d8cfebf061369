/// The small English word lists the place rules read, as sets of folded token hashes.
enum PlaceWords {
    private static func set(_ words: [String]) -> FoldedSet { FoldedSet(words.map { TextDocument.hash($0) }) }

    /// Prepositions that put what follows at a place: "in Kabul", "near the border", "outside Mazar-i-Sharif".
    static let locative = set([
        "in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "into", "on", "off",
        "towards", "toward", "nearby", "between", "along", "over", "beyond",
    ])

    /// The prepositions after which a capitalised name the gazetteer lacks is still taken for a place.
    static let strongLocative = set(["in", "at", "near", "outside", "inside", "around"])

    /// Words that may stand between a preposition and a place: "in the restive north-western Khyber district".
    static let placeAdjectives = set([
        "the", "northern", "southern", "eastern", "western", "central", "north-western", "northwestern",
        "north-eastern", "northeastern", "south-western", "southwestern", "south-eastern", "southeastern", "north",
        "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "north-west", "north-east",
        "south-west", "south-east", "far", "rural", "remote", "restive", "neighbouring", "neighboring", "volatile",
        "troubled", "war-torn", "conflict-hit", "mainly", "predominantly", "upper", "lower", "coastal", "landlocked",
        "mountainous", "southernmost", "northernmost", "eastern-most", "western-most", "nearby", "neighbouring",
        "insurgency-hit", "oil-rich", "semi-autonomous", "autonomous", "impoverished", "embattled", "besieged",
        "rebel-held", "militant-held", "government-held", "occupied", "disputed", "border", "frontier", "capital",
        "port", "southern-most", "northern-most", "central-western", "deep",
    ])

    /// "the town of X", "the southern port of Aden", "west of Aleppo", "the outskirts of Kabul".
    static let placeTypes = set([
        "city", "town", "village", "villages", "district", "province", "region", "state", "port", "island",
        "islands", "area", "outskirts", "suburb", "suburbs", "capital", "county", "governorate", "municipality",
        "hamlet", "settlement", "neighbourhood", "neighborhood", "edge", "centre", "center", "heart", "north",
        "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
        "south-east", "south-west", "km", "kilometres", "kilometers", "miles", "parts", "streets", "oasis",
        "enclave", "locality", "commune", "department", "prefecture", "emirate", "kingdom", "republic", "territory",
        "peninsula", "coast", "shores", "township", "borough", "city's",
    ])

    /// Place types that say the name is a village, town or city (not a division).
    static let settlementTypes = set([
        "city", "town", "village", "villages", "port", "hamlet", "settlement", "suburb", "township", "locality",
        "oasis", "capital",
    ])

    /// Words after a name that make it a division: "Yagha province", "Niger state", "Nganzai district".
    static let divisionWords = set([
        "province", "provinces", "state", "states", "region", "regions", "district", "districts", "governorate",
        "county", "department", "prefecture", "municipality", "division", "territory", "oblast", "area", "commune",
        "sub-district", "subdistrict", "tehsil", "parish", "emirate", "zone", "lga", "wilaya", "canton", "krai",
        "circle", "cercle",
    ])

    /// Words after a name that make it the name of a building or site ("Garissa University College", "Tayaran
    /// Square", "Al Jalaa camp").
    static let facilityWords = set([
        "university", "college", "school", "academy", "airport", "hotel", "mosque", "church", "cathedral", "shrine",
        "temple", "synagogue", "market", "square", "stadium", "arena", "prison", "jail", "hospital", "clinic", "base",
        "camp", "station", "bridge", "road", "street", "avenue", "highway", "motorway", "gate", "hall", "bazaar",
        "embassy", "consulate", "compound", "checkpoint", "mall", "club", "nightclub", "restaurant", "cafe", "office",
        "offices", "building", "tower", "towers", "plaza", "park", "harbour", "harbor", "airbase", "garrison",
        "cantonment", "barracks", "field", "oilfield", "plant", "refinery", "dam", "mine", "court", "palace",
        "parliament", "ministry", "headquarters", "seminary", "madrasa", "madrassa", "centre", "center", "city",
        "bank", "theatre", "theater", "museum", "beach", "resort", "terminal", "port", "pier", "junction",
        "intersection", "roundabout", "crossing", "complex", "facility", "plant", "factory", "institute", "bus",
        "shopping", "international", "hydropower", "project", "valley", "mountains", "hills", "river", "lake",
    ])

    /// Titles before a person's name ("President Kabore", "Gen. Bajwa").
    static let titles = set([
        "president", "minister", "general", "gen", "mr", "mrs", "ms", "dr", "sheikh", "shaikh", "governor", "gov",
        "colonel", "col", "captain", "capt", "major", "maj", "lieutenant", "lt", "sergeant", "sgt", "commander",
        "chief", "imam", "mullah", "mullah", "king", "queen", "prince", "princess", "pope", "senator", "sen", "rep",
        "judge", "justice", "prof", "professor", "brigadier", "marshal", "admiral", "secretary", "ambassador", "sir",
        "lord", "lady", "emir", "sultan", "ayatollah", "cleric", "mayor", "premier", "chancellor", "spokesman",
        "spokeswoman", "spokesperson", "inspector", "superintendent", "envoy", "deputy", "director", "mp",
        "lawmaker", "bishop", "father", "archbishop", "cardinal", "rev", "reverend", "maulana", "hafiz", "mufti",
        "corporal", "cpl", "private", "pvt", "officer", "commissioner", "chairman", "chairwoman", "leader",
    ])

    /// Verbs of speech after a name: "Bulama said", "Turkey says".
    static let speechVerbs = set([
        "said", "says", "told", "tells", "added", "stated", "announced", "wrote", "tweeted", "explained", "noted",
        "warned", "insisted", "declared", "confirmed", "claimed", "denied", "vowed", "urged", "accused", "blamed",
        "condemned", "promised", "called", "asked", "replied", "recalled", "argued", "acknowledged", "admitted",
    ])

    /// Capitalised words that begin sentences without being names ("In Kabul, ...", "The Afghan army").
    static let functionWords = set([
        "the", "a", "an", "in", "at", "on", "of", "for", "from", "to", "by", "with", "near", "outside", "and", "but",
        "or", "as", "after", "before", "during", "when", "while", "since", "if", "this", "that", "these", "those",
        "it", "its", "his", "her", "their", "our", "we", "he", "she", "they", "there", "here", "meanwhile", "also",
        "yet", "so", "then", "some", "many", "most", "all", "both", "several", "inside", "across", "around", "about",
        "among", "amid", "against", "between", "despite", "under", "over", "into", "through", "throughout", "until",
        "unlike", "like", "where", "why", "how", "what", "which", "who", "whose", "once", "although", "though",
        "because", "even", "only", "more", "no", "not", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "every", "each", "another", "other", "such", "last", "next", "early", "late",
    ])

    /// Capitalised words that open sentences or names but are no place ("Police said", "Local officials").
    static let notNames = set([
        "local", "regional", "state", "federal", "national", "provincial", "police", "officials", "witnesses",
        "residents", "gunmen", "militants", "troops", "soldiers", "islamic", "christian", "christians", "muslim",
        "muslims", "shi'ite", "shiite", "shia", "sunni", "hindu", "sikh", "buddhist", "jewish", "catholic", "kurdish",
        "arab", "islamist", "jihadist", "government", "army", "security",
    ])

    /// Capitalised words that may stand before a place without making it part of another name ("North Sinai",
    /// "Lower Manhattan", "Greater Manchester").
    static let directions = set([
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower",
        "greater", "middle", "inner", "outer", "north-west", "north-east", "south-west", "south-east", "northwest",
        "northeast", "southwest", "southeast", "north-western", "north-eastern", "south-western", "south-eastern",
        "northwestern", "northeastern", "southwestern", "southeastern", "far",
    ])

    /// "border with Mali", "the Afghan border", "close to the boundary".
    static let borderWords = set(["border", "borders", "boundary", "frontier", "border-crossing", "crossing"])

    /// Words before "in X" that make X where someone comes from, not where the attack was ("based in Pakistan").
    static let originMarkers = set([
        "based", "headquartered", "born", "raised", "educated", "trained", "studied", "lived", "living", "exile",
        "operates", "operating", "hiding", "radicalised", "radicalized", "registered",
    ])

    /// Words before "to X" / "for X" that make X a destination ("flown to Nairobi", "travelled to Somalia").
    static let motionVerbs = set([
        "flown", "flew", "fled", "travelled", "traveled", "returned", "moved", "taken", "sent", "deported",
        "extradited", "headed", "heading", "bound", "trip", "visit", "visited", "evacuated", "transferred",
    ])

    /// Suffixes of "Indian-administered" style compounds: the country named in front holds the place after.
    static let holderSuffixes = set(["administered", "controlled", "held", "occupied", "ruled", "annexed", "run"])

    /// Lower-case particles that start names ("al-Abed", "el-Arish").
    static let particles: Set<String> = ["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed"]

    /// Words between a speaker and its verb: "Turkey has said", "Kenya also said".
    static let auxiliaries = set(["has", "have", "had", "also", "later", "earlier", "previously", "then", "was"])

    static let the = TextDocument.hash("the")
    static let inWord = TextDocument.hash("in")
    static let of = TextDocument.hash("of")
    static let with = TextDocument.hash("with")
    static let from = TextDocument.hash("from")
    static let to = TextDocument.hash("to")
    static let and = TextDocument.hash("and")
    static let between = TextDocument.hash("between")
    static let comma = TextDocument.hash(",")
    static let apostrophe = TextDocument.hash("'")
    static let s = TextDocument.hash("s")
    static let local = TextDocument.hash("local")
    static let government = TextDocument.hash("government")
    static let capital = TextDocument.hash("capital")
    static let dash = TextDocument.hash("-")
}
