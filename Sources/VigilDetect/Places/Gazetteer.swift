import VigilCore

/// Countries (with demonyms), first- and second-level divisions and populated places, compiled from
/// `gazetteer.tsv` (GeoNames data; see `scripts/gazetteer/README.md` for the format).
///
/// Names are looked up by the case-folded hashes of their tokens, so a lookup costs a few probes of an open-addressing
/// table per capitalised word, whatever the gazetteer's size.
public struct Gazetteer: Sendable {
    /// What an entry is.
    public enum Kind: UInt8, Sendable, Equatable {
        /// A country.
        case country
        /// A demonym ("Afghan"): evidence for a country, never a place.
        case demonym
        /// A name that is never a place of its own ("Lake Chad", "Latin America"): it blocks shorter matches.
        case notPlace
        /// A first-level division: province, state, region.
        case admin1
        /// A second-level division: district, county.
        case admin2
        /// A populated place: village, town, city.
        case place

        /// How specific a place of this kind is: populated place 3, district 2, province 1, country 0.
        var specificity: Int {
            switch self {
            case .place: 3
            case .admin2: 2
            case .admin1: 1
            case .country, .demonym, .notPlace: 0
            }
        }
    }

    /// One gazetteer entry.
    public struct Entry: Sendable {
        public var kind: Kind
        /// ISO 3166-1 alpha-2, packed as two bytes (0 for `.notPlace`).
        public var country: UInt16
        /// Index of the first-level division the entry lies in (or is, for `.admin1`), or -1.
        public var admin1: Int32
        public var population: Int32
        /// A national capital.
        public var isCapital: Bool
        /// The display name: a byte range of the source text.
        var nameStart: Int32
        var nameLength: Int32
    }

    /// One name of one entry, with the rules that say when the name may be read as that entry.
    struct Posting: Sendable {
        static let common: UInt8 = 1
        static let needsDivisionWord: UInt8 = 2
        static let exact: UInt8 = 4
        static let primary: UInt8 = 8

        var entry: Int32
        var flags: UInt8
        /// The name as written in the gazetteer: a byte range of the source text.
        var nameStart: Int32
        var nameLength: Int32
    }

    /// The source text, which entries and postings point into.
    let source: [UInt8]
    public internal(set) var entries: [Entry] = []
    var postings: [Posting] = []
    /// Open-addressing table from a name's key to its postings: `slotKeys[i] == 0` marks an empty slot.
    var slotKeys: [UInt64] = [0]
    var slotStart: [Int32] = [0]
    var slotCount: [Int32] = [0]
    var slotMask = 0
    /// The longest name, in tokens.
    var maxTokens = 0
    /// Country code → index of its `.country` entry and of its capital.
    var countryEntries: [UInt16: Int32] = [:]
    var capitals: [UInt16: Int32] = [:]

    init(source: [UInt8]) {
        self.source = source
    }

    /// An empty gazetteer (no data file).
    public init() {
        self.source = []
    }

    /// Number of entries.
    public var count: Int { entries.count }

    // MARK: Entry access

    /// The entry's display name.
    public func name(of entry: Int32) -> String {
        let e = entries[Int(entry)]
        return string(Int(e.nameStart), Int(e.nameLength))
    }

    /// The entry's country as an ISO alpha-2 code (nil for `.notPlace`).
    public func countryCode(of entry: Int32) -> String? {
        Self.code(entries[Int(entry)].country)
    }

    /// The name of the first-level division an entry lies in.
    public func admin1Name(of entry: Int32) -> String? {
        let admin1 = entries[Int(entry)].admin1
        return admin1 >= 0 ? name(of: admin1) : nil
    }

    /// The `.country` entry for a packed code.
    func countryEntry(_ code: UInt16) -> Int32? { countryEntries[code] }

    /// The national capital of a packed country code.
    func capital(of code: UInt16) -> Int32? { capitals[code] }

    func string(_ start: Int, _ length: Int) -> String {
        String(decoding: source[start..<(start + length)], as: UTF8.self)
    }

    /// Packs "AF" into two bytes.
    static func pack(_ code: some Collection<UInt8>) -> UInt16? {
        guard code.count == 2, let a = code.first, let b = code.dropFirst().first,
            (0x41...0x5A).contains(a), (0x41...0x5A).contains(b)
        else { return nil }
        return UInt16(a) << 8 | UInt16(b)
    }

    /// Packs "AF" into two bytes.
    public static func pack(_ code: String) -> UInt16? { pack(Array(code.utf8)) }

    static func code(_ packed: UInt16) -> String? {
        guard packed != 0 else { return nil }
        return String(decoding: [UInt8(packed >> 8), UInt8(packed & 0xFF)], as: UTF8.self)
    }

    // MARK: Keys and lookup

    /// Starting value of a name key; tokens are mixed in with `extend`.
    static let keySeed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Mixes one token's folded hash into a name key.
    @inline(__always) static func extend(_ key: UInt64, _ token: UInt64) -> UInt64 {
        var k = (key ^ token) &* 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        return k == 0 ? 1 : k
    }

    /// The postings of a name key, as a range of `postings`.
    @inline(__always) func lookup(_ key: UInt64) -> Range<Int>? {
        guard slotMask > 0 else { return nil }
        var slot = Int(truncatingIfNeeded: key) & slotMask
        while true {
            let k = slotKeys[slot]
            if k == key {
                let start = Int(slotStart[slot])
                return start..<(start + Int(slotCount[slot]))
            }
            if k == 0 { return nil }
            slot = (slot + 1) & slotMask
        }
    }
}
