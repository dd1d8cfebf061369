/// Killed or wounded.
enum CasualtyRole: Sendable, Equatable {
    case killed, wounded

    /// The evidence field name.
    var field: String { self == .killed ? "killed" : "wounded" }
}

/// How a figure is hedged: "at least 30" (low), "up to 40" (high), "about 100" (approximate), "between 20 and 30"
/// (range).
enum FigureBound: Sendable, Equatable {
    case exact, low, high, approximate, range
}

/// One counted group in a casualty statement: "60 Afghans" in "killing 60 Afghans and 13 U.S. troops".
struct CasualtyPart: Sendable {
    var value: Int
    var bound: FigureBound = .exact
    /// The upper end of a range ("between 20 and 30").
    var upper: Int?
    /// "dozens", "many": no count.
    var vague = false
    /// Attackers: counted apart.
    var perpetrator = false
    /// Stems of the capitalised words of the noun phrase ("Afghans", "U.S."): a named group of victims.
    var qualifiers: [UInt32] = []
    /// Token span, bound words and noun phrase included.
    var first: Int
    var last: Int
    /// The number token (or "a" for a singular).
    var number: Int
}

/// One statement of a casualty figure, with what the sentence says about it.
struct CasualtyStatement: Sendable {
    var role: CasualtyRole
    var parts: [CasualtyPart]
    /// The verb, adjective or noun that makes it a casualty figure ("killed", "dead", "toll").
    var verb: Int
    /// Evidence span.
    var first: Int
    var last: Int
    /// Perpetrators inside the figure ("12 people, including the bomber"): taken off.
    var subtract = 0
    /// A perpetrator's claim ("its fighters killed 85 soldiers").
    var claim = false
    /// An estimate from local sources, residents or witnesses, or an explicitly unofficial figure.
    var unofficial = false
    /// A superseded figure ("the previous toll", "at first put the toll at 27").
    var stale = false
    /// An updated figure ("the toll rose to 47", "have now been confirmed dead").
    var revision = false
    /// People taken to hospital: a weaker statement of the wounded.
    var hospital = false
    /// "No casualties", "no one was hurt".
    var zero = false
    /// In a sentence about an earlier year ("in 2018").
    var historical = false
    /// In the headline.
    var inTitle = false

    /// The parts that count victims.
    var victims: [CasualtyPart] { parts.filter { !$0.perpetrator } }

    /// The victims counted (perpetrators left out).
    var value: Int {
        var sum = 0
        for part in parts where !part.perpetrator { sum += part.value }
        return max(0, sum - subtract)
    }

    /// Whether a victim part gives no count.
    var vague: Bool { parts.contains { !$0.perpetrator && $0.vague } }

    /// Whether only attackers are counted.
    var perpetratorsOnly: Bool { !zero && !parts.contains { !$0.perpetrator } }

    /// The least and most the figure can be by its wording (nil when open that way), and whether it is hedged
    /// by bound words at all (an exact figure is its own bounds, but reports none).
    var bounds: (low: Int?, high: Int?, hedged: Bool) {
        var low = 0
        var high = 0
        var hasLow = true
        var hasHigh = true
        var hedged = false
        for part in parts where !part.perpetrator {
            switch part.bound {
            case .exact:
                low += part.value
                high += part.value
            case .low:
                low += part.value
                hasHigh = false
                hedged = true
            case .high:
                high += part.value
                hasLow = false
                hedged = true
            case .approximate:
                hasLow = false
                hasHigh = false
            case .range:
                low += part.value
                high += part.upper ?? part.value
                hedged = true
            }
        }
        return (hasLow ? max(0, low - subtract) : nil, hasHigh ? max(0, high - subtract) : nil, hedged)
    }

    /// The qualifier stems of every victim part, or nil when some part names no group ("people", "soldiers").
    var groups: [UInt32]? {
        var all: [UInt32] = []
        for part in parts where !part.perpetrator {
            if part.qualifiers.isEmpty { return nil }
            all += part.qualifiers
        }
        return all.isEmpty ? nil : all
    }
}
