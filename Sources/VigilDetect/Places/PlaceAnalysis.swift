import Foundation
import VigilCore

/// The working state of `PlaceResolver` for one article: each mention's role, weight, chosen entry and country.
struct PlaceAnalysis {
    /// What the words around a mention say it is.
    enum Role: Equatable {
        /// "in/at/near X", "the town of X", "west of X".
        case locative
        /// Right after an attack word: "struck Solhan", "attacked Garissa University College".
        case object
        /// Holds another mention: "Nigeria's Zamfara state", "Jolo, Sulu province", "in northern Iraq" after a name.
        case container
        /// In the dateline.
        case dateline
        /// Before a noun: "Kabul airport", "Mogadishu truck bombing".
        case modifier
        /// A country before a capitalised word that is not a building: "Pakistan Air Force".
        case nameModifier
        /// "Afghanistan's interior ministry".
        case possessive
        case bare
        case demonym
        /// "Indian-administered": the country holds the next place.
        case holder
        /// "Turkey said".
        case speaker
        /// "from Afghanistan", "based in Pakistan", "U.S.-led".
        case origin
        /// "flown to Nairobi".
        case destination
        /// "the border with Niger", "the Afghan border".
        case neighbour

        var weight: Double {
            switch self {
            case .locative, .object: 3
            case .container: 2.5
            case .dateline: 2.5
            case .modifier: 1.5
            case .possessive, .bare: 1
            case .demonym: 0.6
            case .holder: 2.5
            case .nameModifier: 0.5
            case .destination: 0.4
            case .speaker: 0.3
            case .origin: 0.2
            case .neighbour: 0
            }
        }

        /// Whether a mention in this role may be the incident's place.
        var canBePlace: Bool {
            switch self {
            case .locative, .object, .container, .dateline, .modifier, .possessive, .bare: true
            default: false
            }
        }

        /// Whether a roundup statement's mention in this role says where the attacks were.
        var placesAttacks: Bool {
            switch self {
            case .locative, .object, .container, .bare, .holder: true
            default: false
            }
        }
    }

    /// One mention with what the resolver learnt about it.
    struct Clue {
        var mention: PlaceMention
        var role: Role = .bare
        /// Specificity: 3 village/town/city, 2 district, 1 province, 0 country, -1 demonym or holder.
        var level = 0
        var entry: Int32?
        var country: UInt16?
        /// The mention that contains this one ("Burkina Faso" for "Solhan in northern Burkina Faso").
        var container: Int?
        /// A name the gazetteer lacks (or whose entries all lie elsewhere).
        var unlisted = false
        var score = 0.0
        var inLead = false
        var nearAnchor = false
        var paragraph = 0
    }

    let context: AnalysisContext
    let gazetteer: Gazetteer
    let anchors: [Int]
    let scan: Scan
    var clues: [Clue]
    /// Countries the article names (countries, demonyms, holders; not neighbours), with their weight.
    var named: [UInt16: Double] = [:]
    /// First-level divisions the article names.
    var namedAdmin1: Set<Int32> = []

    init(context: AnalysisContext, places: PlaceMentions, anchors: [Int], gazetteer: Gazetteer) {
        self.context = context
        self.gazetteer = gazetteer
        self.anchors = anchors
        self.scan = Scan(document: context.document)
        self.clues = places.mentions.map { Clue(mention: $0) }
        assignRoles()
        findContainers()
        chooseEntries()
        score()
    }

    var document: TextDocument { context.document }

    // MARK: Roles

    private mutating func assignRoles() {
        let anchorSet = Set(anchors)
        for i in clues.indices {
            let m = clues[i].mention
            let first = m.first
            let last = m.last
            let sentence = document.sentence(of: first)
            clues[i].paragraph = scan.paragraph(of: first)
            clues[i].inLead = clues[i].paragraph <= 1 && !scan.inDateline(first)
            let kinds = m.candidates.map { gazetteer.entries[Int($0)].kind }
            let isCountryLevel = m.form == .demonym || m.form == .holder || kinds.contains(.country)
            clues[i].level = levelOf(m, kinds: kinds)

            if m.form == .holder {
                clues[i].role = .holder
                continue
            }
            if isCountryLevel, isNeighbour(first: first, last: last) {
                clues[i].role = .neighbour
                continue
            }
            if scan.inDateline(first) {
                clues[i].role = .dateline
                continue
            }
            if m.form == .demonym {
                clues[i].role = .demonym
                continue
            }
            // "U.S.-led", "Saudi-backed": a hyphen right after the name.
            let next = last + 1
            if next < document.tokens.count, scan.isWord(next, PlaceWords.dash),
                document.tokens[next].start == document.tokens[last].end
            {
                clues[i].role = .origin
                continue
            }
            var j = first - 1
            while j >= sentence.tokens.lowerBound, scan.isWord(j, in: PlaceWords.placeAdjectives) { j -= 1 }
            if scan.isWord(j, PlaceWords.from) {
                clues[i].role = .origin
                continue
            }
            if scan.isWord(j, PlaceWords.to), (max(0, j - 3)..<j).contains(where: {
                scan.isWord($0, in: PlaceWords.motionVerbs)
            }) {
                clues[i].role = .destination
                continue
            }
            if scan.isWord(j, in: PlaceWords.locative), scan.isWord(j - 1, in: PlaceWords.originMarkers) {
                clues[i].role = .origin
                continue
            }
            switch scan.placePhrase(before: first) {
            case .preposition, .typeOf:
                clues[i].role = .locative
                continue
            case .none:
                break
            }
            var before = first - 1
            if scan.isWord(before, PlaceWords.the) { before -= 1 }
            if anchorSet.contains(before) {
                clues[i].role = .object
                continue
            }
            if scan.isWord(next, in: PlaceWords.speechVerbs)
                || (scan.isWord(next, in: PlaceWords.auxiliaries) && scan.isWord(next + 1, in: PlaceWords.speechVerbs))
            {
                clues[i].role = .speaker
                continue
            }
            if scan.isWord(next, PlaceWords.apostrophe), scan.isWord(next + 1, PlaceWords.s) {
                clues[i].role = .possessive
                continue
            }
            if next < document.tokens.count, document.tokens[next].sentence == document.tokens[last].sentence,
                document.tokens[next].kind == .word
            {
                if document.tokens[next].capitalized {
                    if isCountryLevel, !scan.isFacilityWord(next), !scan.isFunctionOrTitle(next) {
                        clues[i].role = .nameModifier
                        continue
                    }
                } else if !scan.isFunctionOrTitle(next), !scan.isWord(next, in: PlaceWords.locative),
                    !scan.isDivisionWord(next)
                {
                    clues[i].role = .modifier
                    continue
                }
            }
            clues[i].role = .bare
        }
    }

    private func levelOf(_ m: PlaceMention, kinds: [Gazetteer.Kind]) -> Int {
        switch m.form {
        case .demonym, .holder: return -1
        case .unlisted:
            if scan.isDivisionWord(m.last + 1) { return 2 }
            return 3
        case .name:
            return kinds.map(\.specificity).max() ?? 0
        }
    }

    /// "the border with Niger", "border of Mali", "the Afghan border", "between Mali and Niger" after "border".
    private func isNeighbour(first: Int, last: Int) -> Bool {
        var j = first - 1
        if scan.isWord(j, PlaceWords.the) { j -= 1 }
        if scan.isWord(j, PlaceWords.with) || scan.isWord(j, PlaceWords.of) {
            var k = j - 1
            if scan.isWord(k, PlaceWords.the) { k -= 1 }
            if scan.isWord(k, in: PlaceWords.borderWords) { return true }
        }
        if scan.isWord(last + 1, in: PlaceWords.borderWords) { return true }
        // "the border between Mali and Niger": both sides.
        var k = first - 1
        var steps = 0
        while k >= 0, steps < 6, !scan.isWord(k, PlaceWords.between) {
            k -= 1
            steps += 1
        }
        if scan.isWord(k, PlaceWords.between) {
            var b = k - 1
            if scan.isWord(b, PlaceWords.the) { b -= 1 }
            if scan.isWord(b, in: PlaceWords.borderWords) { return true }
        }
        return false
    }

    // MARK: Containers

    /// Marks "X, Y", "X in Y", "X, in Y", "Y's X", "the Demonym city of X", "X region of Y", "Holder-administered X".
    private mutating func findContainers() {
        for i in clues.indices {
            let m = clues[i].mention
            guard clues[i].level >= 1 || m.form == .unlisted else { continue }
            var container: Int?
            // "X, Y" and "X, in Y" and "X in northern Y" and "X region of northern Y".
            var t = m.last + 1
            if scan.isWord(t, PlaceWords.comma) { t += 1 }
            if scan.isDivisionWord(t) || scan.isWord(t, in: PlaceWords.placeTypes) {
                if scan.isWord(t + 1, PlaceWords.of) { t += 2 }
            }
            if scan.isWord(t, PlaceWords.inWord) { t += 1 }
            while scan.isWord(t, in: PlaceWords.placeAdjectives) { t += 1 }
            if let j = clueStarting(at: t), j != i, isBigger(j, than: i) { container = j }
            // "Y's X"
            if container == nil, scan.isWord(m.first - 1, PlaceWords.s), scan.isWord(m.first - 2, PlaceWords.apostrophe),
                let j = clueEnding(at: m.first - 3), isBigger(j, than: i)
            {
                container = j
            }
            // "the southern Philippine island of Jolo": a demonym just before the place type.
            if container == nil, case .typeOf = scan.placePhrase(before: m.first),
                let j = clueEnding(at: m.first - 3), clues[j].mention.form == .demonym
            {
                container = j
            }
            // "Indian-administered Kashmir"
            if container == nil, let j = clueEnding(at: m.first - 1), clues[j].mention.form == .holder {
                container = j
            }
            if let j = container {
                clues[i].container = j
                if clues[j].role == .bare || clues[j].role == .locative || clues[j].role == .possessive
                    || clues[j].role == .modifier
                {
                    clues[j].role = .container
                }
                if clues[i].role == .bare || clues[i].role == .possessive { clues[i].role = .locative }
            }
        }
    }

    private func clueStarting(at t: Int) -> Int? { clues.firstIndex { $0.mention.first == t } }
    private func clueEnding(at t: Int) -> Int? { clues.firstIndex { $0.mention.last == t } }

    /// Whether clue `j` can contain clue `i`: a country, demonym or holder holds any place; a province holds a
    /// district or town; a district holds a town.
    private func isBigger(_ j: Int, than i: Int) -> Bool {
        let outer = clues[j]
        guard outer.role != .neighbour, outer.mention.form != .unlisted else { return false }
        if outer.level <= 0 { return true }
        let inner = clues[i].mention.form == .unlisted ? 3 : clues[i].level
        return outer.level < inner
    }

    // MARK: Entries

    /// Chooses every mention's entry: countries and demonyms first (they are the evidence), then containers, then
    /// the rest, each by its container, the countries and provinces named, and population.
    private mutating func chooseEntries() {
        // Countries the article names.
        for i in clues.indices where clues[i].level <= 0 && clues[i].mention.form != .unlisted {
            guard clues[i].role != .neighbour else { continue }
            let countries = Set(clues[i].mention.candidates.map { gazetteer.entries[Int($0)].country })
            for c in countries { named[c, default: 0] += clues[i].role.weight / Double(countries.count) }
        }
        // Places with a single country are evidence too (a little).
        for clue in clues where clue.level >= 1 && clue.role != .neighbour {
            let countries = Set(clue.mention.candidates.map { gazetteer.entries[Int($0)].country })
            if countries.count == 1, let c = countries.first { named[c, default: 0] += 0.3 }
        }
        // Containers before what they contain: iterate by level.
        let order = clues.indices.sorted { clues[$0].level < clues[$1].level }
        for i in order { choose(i) }
        // Provinces named make their towns likelier: a second pass for towns and districts.
        for clue in clues where clue.entry.map({ gazetteer.entries[Int($0)].kind == .admin1 }) ?? false {
            if let e = clue.entry { namedAdmin1.insert(e) }
        }
        for i in order where clues[i].level >= 2 && !clues[i].unlisted { choose(i) }
        // One sense per discourse: the same name takes the entry its best-placed mention took.
        for i in clues.indices where !clues[i].mention.candidates.isEmpty {
            guard let j = clues.indices.first(where: {
                clues[$0].mention.candidates == clues[i].mention.candidates && clues[$0].container != nil
            }), j != i, clues[i].container == nil else { continue }
            clues[i].entry = clues[j].entry
            clues[i].country = clues[j].country
            clues[i].unlisted = clues[j].unlisted
        }
    }

    private mutating func choose(_ i: Int) {
        let m = clues[i].mention
        if m.form == .unlisted {
            clues[i].unlisted = true
            if let j = clues[i].container { clues[i].country = clues[j].country }
            return
        }
        var containerCountry: UInt16?
        var containerAdmin1: Int32?
        if let j = clues[i].container, let e = clues[j].entry {
            let entry = gazetteer.entries[Int(e)]
            containerCountry = entry.country
            if entry.kind == .admin1 { containerAdmin1 = e }
        } else if let j = clues[i].container {
            containerCountry = clues[j].country
        }
        let division = scan.isDivisionWord(m.last + 1)
        var best: Int32?
        var bestScore = -Double.infinity
        for c in m.candidates {
            let entry = gazetteer.entries[Int(c)]
            if let cc = containerCountry, entry.country != cc { continue }
            if let a = containerAdmin1, entry.admin1 != a, entry.kind != .admin1 { continue }
            var s = log10(Double(max(0, entry.population)) + 10)
            if let w = named[entry.country] { s += 3 + min(2, w) }
            if entry.admin1 >= 0, namedAdmin1.contains(entry.admin1), entry.kind != .admin1 { s += 3 }
            switch entry.kind {
            case .admin1, .admin2: s += division ? 4 : -0.5
            case .place: s += division ? -2 : 0.5
            case .country: s += 2
            default: break
            }
            if entry.isCapital { s += 0.5 }
            if s > bestScore {
                bestScore = s
                best = c
            }
        }
        if let best {
            clues[i].entry = best
            clues[i].country = gazetteer.entries[Int(best)].country
            clues[i].level = m.form == .name ? gazetteer.entries[Int(best)].kind.specificity : clues[i].level
        } else if let cc = containerCountry {
            // Every entry lies outside the container: a local place the gazetteer lacks ("Solhan in Burkina Faso").
            clues[i].unlisted = true
            clues[i].country = cc
            clues[i].level = division ? 2 : 3
        }
    }

    // MARK: Scores

    private func paragraphWeight(_ paragraph: Int) -> Double {
        paragraph <= 1 ? 1 : (paragraph == 2 ? 0.6 : 0.35)
    }

    /// How near a token is to the anchors, weighted by the anchors' paragraphs.
    private func proximity(_ t: Int) -> (value: Double, sameSentence: Bool) {
        let sentence = Int(document.tokens[t].sentence)
        let paragraph = scan.paragraph(of: t)
        var best = 0.0
        var same = false
        for a in anchors {
            let aSentence = Int(document.tokens[a].sentence)
            let aParagraph = scan.paragraph(of: a)
            var closeness: Double
            if aSentence == sentence {
                closeness = 1 - min(0.3, Double(abs(a - t)) / 60)
                same = true
            } else if aParagraph == paragraph {
                closeness = abs(aSentence - sentence) == 1 ? 0.5 : 0.3
            } else {
                closeness = 0.1
            }
            best = max(best, closeness * paragraphWeight(aParagraph))
        }
        return (best, same)
    }

    private mutating func score() {
        for i in clues.indices {
            let m = clues[i].mention
            let (near, same) = proximity(m.first)
            clues[i].nearAnchor = same
            var s = clues[i].role.weight * (0.25 * paragraphWeight(clues[i].paragraph) + near)
            if clues[i].role == .dateline {
                // A capital's dateline may be a foreign desk ("WASHINGTON —"): it counts less than a place phrase.
                let capital = clues[i].entry.map { gazetteer.entries[Int($0)].isCapital } ?? false
                let datelinePlaces = clues.filter { $0.role == .dateline && $0.level >= 1 }.count
                s = (capital || clues[i].level <= 1 ? 1.2 : 2.5) / Double(max(1, datelinePlaces))
            }
            // A small town alone in a country the article never names is weak evidence for that country.
            if let e = clues[i].entry, clues[i].level >= 1, !clues[i].unlisted {
                let entry = gazetteer.entries[Int(e)]
                let independent = (named[entry.country] ?? 0) > 0.3 + 1e-9
                if !independent { s *= entry.population >= 100_000 ? 0.7 : 0.3 }
            }
            clues[i].score = s
        }
    }

    /// Evidence for each country: the sum of its mentions' scores.
    private func countryScores() -> [UInt16: Double] {
        var scores: [UInt16: Double] = [:]
        for clue in clues {
            if let c = clue.country {
                scores[c, default: 0] += clue.score
            } else if clue.mention.form == .demonym || clue.mention.form == .holder {
                let countries = Set(clue.mention.candidates.map { gazetteer.entries[Int($0)].country })
                for c in countries { scores[c, default: 0] += clue.score / Double(countries.count) }
            }
        }
        return scores
    }

    // MARK: Incidents

    mutating func resolveIncident() -> Location {
        for i in clues.indices where clues[i].country == nil && clues[i].level == 0 {
            // Demonyms and holders that name one country.
            let countries = Set(clues[i].mention.candidates.map { gazetteer.entries[Int($0)].country })
            if countries.count == 1 { clues[i].country = countries.first }
        }
        let scores = countryScores()
        guard let winner = scores.filter({ $0.value > 0 }).max(by: { a, b in
            a.value != b.value ? a.value < b.value : firstMention(of: a.key) > firstMention(of: b.key)
        })?.key
        else { return placeWithoutCountry() }
        localiseNamesakes(in: winner)

        // Candidates for the place: mentions of the winning country in place roles.
        let candidates = clues.indices.filter { i in
            let clue = clues[i]
            guard clue.role.canBePlace, clue.level >= 0 else { return false }
            if clue.unlisted && clue.country == nil {
                // A local name without a container belongs to the winner when it is in the lead, near an anchor, or in a
                // place phrase of the second paragraph.
                return clue.inLead || clue.nearAnchor || clue.role == .dateline
                    || (clue.role == .locative && clue.paragraph <= 2)
            }
            return clue.country == winner
        }
        func better(_ a: Int, _ b: Int) -> Bool {
            let x = clues[a]
            let y = clues[b]
            if x.level != y.level { return x.level > y.level }
            if x.score != y.score { return x.score > y.score }
            return x.mention.first < y.mention.first
        }
        let lead = candidates.filter { clues[$0].inLead && clues[$0].role != .dateline }
        let leadBest = lead.sorted(by: better).first
        var chosen: Int?
        if let l = leadBest, clues[l].level >= 2 {
            chosen = l
        } else {
            let floor = leadBest.map { clues[$0].level } ?? -1
            let refinements = candidates.filter {
                let clue = clues[$0]
                let placePhrase = clue.role == .locative || clue.role == .object || clue.role == .container
                return !clue.inLead && clue.role != .dateline && clue.level >= 2 && clue.level > floor
                    && (clue.nearAnchor || (placePhrase && clue.paragraph <= 2))
            }
            // Among refinements the evidence counts first ("in Pulwama district" over "the Jammu–Srinagar highway").
            if let r = refinements.max(by: { a, b in
                clues[a].score != clues[b].score
                    ? clues[a].score < clues[b].score : clues[a].mention.first > clues[b].mention.first
            }) {
                chosen = r
            } else if let d = candidates.filter({ d in
                // The dateline refines a province only when it lies in it ("NEW DELHI —" is not in Kashmir).
                guard clues[d].role == .dateline, clues[d].level > floor else { return false }
                guard let l = leadBest, clues[l].level == 1, let province = clues[l].entry else { return true }
                return clues[d].entry.map { gazetteer.entries[Int($0)].admin1 == province } ?? false
            }).sorted(by: better).first {
                chosen = d
            } else if let l = leadBest {
                chosen = l
            } else {
                chosen = candidates.sorted(by: better).first
            }
        }
        var location = Location(country: Gazetteer.code(winner))
        if let c = chosen {
            fill(&location, with: c)
            location.evidence.append(evidence("place", clues[c].mention))
        } else if let e = gazetteer.countryEntry(winner) {
            location.place = gazetteer.name(of: e)
            location.gazetteerName = location.place
            location.placeKind = .country
        }
        if let strongest = clues.indices.filter({ clues[$0].country == winner && clues[$0].score > 0 })
            .max(by: { clues[$0].score < clues[$1].score })
        {
            location.evidence.append(evidence("country", clues[strongest].mention))
        }
        return location
    }

    private func firstMention(of country: UInt16) -> Int {
        clues.first { $0.country == country }?.mention.first ?? Int.max
    }

    /// Places whose entries all lie in countries the article does not name, in a place role near the anchors,
    /// become local places of the winning country ("the village of Solhan" in an article about Burkina Faso).
    private mutating func localiseNamesakes(in winner: UInt16) {
        for i in clues.indices where clues[i].level >= 1 && !clues[i].unlisted && clues[i].country != winner {
            guard clues[i].mention.form == .name, clues[i].role.canBePlace, clues[i].container == nil else { continue }
            let entries = clues[i].mention.candidates.map { gazetteer.entries[Int($0)] }
            if let inWinner = clues[i].mention.candidates.first(where: {
                gazetteer.entries[Int($0)].country == winner
            }) {
                clues[i].entry = inWinner
                clues[i].country = winner
                continue
            }
            let unnamed = entries.allSatisfy { (named[$0.country] ?? 0) <= 0.3 + 1e-9 }
            let small = entries.allSatisfy { $0.population < 1_000_000 }
            let placeRole = clues[i].role == .locative || clues[i].role == .object || clues[i].role == .modifier
            if unnamed, small, placeRole || scan.isDivisionWord(clues[i].mention.last + 1) {
                clues[i].unlisted = true
                clues[i].entry = nil
                clues[i].country = winner
                clues[i].level = scan.isDivisionWord(clues[i].mention.last + 1) ? 2 : 3
            }
        }
        // Other mentions of the same name follow.
        for i in clues.indices where clues[i].unlisted && clues[i].country == winner {
            for j in clues.indices where j != i && clues[j].mention.candidates == clues[i].mention.candidates
                && !clues[j].mention.candidates.isEmpty && clues[j].country != winner
            {
                clues[j].unlisted = true
                clues[j].entry = nil
                clues[j].country = winner
                clues[j].level = clues[i].level
            }
        }
    }

    /// No country could be told: a local name in the lead is still the place.
    private func placeWithoutCountry() -> Location {
        guard let c = clues.indices.filter({ clues[$0].role.canBePlace && clues[$0].level >= 2 && clues[$0].inLead })
            .max(by: { clues[$0].score < clues[$1].score })
        else { return Location() }
        var location = Location()
        fill(&location, with: c)
        location.evidence.append(evidence("place", clues[c].mention))
        return location
    }

    private func fill(_ location: inout Location, with c: Int) {
        let clue = clues[c]
        let m = clue.mention
        location.place = m.spelling ?? document.text(from: m.first, to: m.last)
        if !clue.unlisted, let e = clue.entry {
            let entry = gazetteer.entries[Int(e)]
            location.gazetteerName = gazetteer.name(of: e)
            location.placeKind = entry.kind
            if entry.kind != .admin1, entry.kind != .country { location.admin1 = gazetteer.admin1Name(of: e) }
        } else {
            location.placeKind = clue.level == 2 ? .admin2 : .place
            if let j = clue.container, let e = clues[j].entry, gazetteer.entries[Int(e)].kind == .admin1 {
                location.admin1 = gazetteer.name(of: e)
            }
        }
    }

    private func evidence(_ field: String, _ m: PlaceMention) -> Detection.Evidence {
        context.evidence(field, from: m.first, to: m.last)
    }

    // MARK: Roundups

    /// The country of a roundup statement: the one it names as the place of the attacks, else the one the title
    /// names so; none when several or none.
    mutating func resolveStatement() -> Location {
        let sentences = Set(anchors.map { Int(document.tokens[$0].sentence) })
        if let location = statementCountry({ sentences.contains(Int(document.tokens[$0.mention.first].sentence)) }) {
            return location
        }
        return statementCountry({ scan.inTitle($0.mention.first) }) ?? Location()
    }

    private func statementCountry(_ include: (Clue) -> Bool) -> Location? {
        var countries: [UInt16] = []
        var strongest: Int?
        for i in clues.indices where include(clues[i]) && clues[i].role.placesAttacks {
            let c =
                clues[i].country
                ?? {
                    let set = Set(clues[i].mention.candidates.map { gazetteer.entries[Int($0)].country })
                    return set.count == 1 ? set.first : nil
                }()
            guard let c else { continue }
            if !countries.contains(c) { countries.append(c) }
            if strongest == nil { strongest = i }
        }
        guard !countries.isEmpty else { return nil }
        guard countries.count == 1, let s = strongest else { return Location() }
        var location = Location(country: Gazetteer.code(countries[0]))
        fill(&location, with: s)
        location.evidence.append(evidence("country", clues[s].mention))
        return location
    }
}
