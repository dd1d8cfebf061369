import VigilCore
import Yams

/// How a sentence ties a mentioned group to the attack.
public struct ActorRelation: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The group claimed it ("X claimed responsibility", "X said its fighters carried out").
        case claimed
        /// Someone blamed or suspected the group ("officials blamed X", "X was behind").
        case suspected
        /// The text names the group as the doer ("X gunmen stormed", "fighters of X").
        case perpetrator
        /// The group denied or condemned it.
        case denied
    }

    public var kind: Kind
    /// The phrase that ties them (first and last token).
    public var first: Int
    public var last: Int
}

/// A mention of an armed group in the text.
public struct ActorMention: Sendable, Equatable {
    /// One meaning of the mention: a canonical name, valid only in `countries` when that is not empty.
    public struct Reading: Sendable, Equatable {
        public var actor: String
        public var countries: [String]
    }

    public var first: Int
    public var last: Int
    /// Canonical name (the reading that holds anywhere, or the first one).
    public var actor: String
    /// Every reading ("Daesh": Islamic State anywhere, Islamic State Khorasan Province in AF and PK).
    public var readings: [Reading] = []
    /// A reference such as "the group" to the group named last.
    public var coreference = false
    /// The text does not present this group as the doer ("linked to X", "operations against X", "X affiliate").
    public var dissociated = false
    /// How sentences tie this mention to the attack.
    public var relations: [ActorRelation] = []
    /// The article says an individual acted alone or was only inspired by a group.
    public var loneActorContext = false

    public init(first: Int, last: Int, actor: String) {
        self.first = first
        self.last = last
        self.actor = actor
        self.readings = [Reading(actor: actor, countries: [])]
    }

    /// The group this mention means where the incident happened; nil when no reading holds there.
    public func actor(in country: String?) -> String? {
        if let country, let local = readings.first(where: { $0.countries.contains(country) }) { return local.actor }
        return readings.first(where: { $0.countries.isEmpty })?.actor
    }
}

/// The actor chosen for an incident and how the article ties it to the attack.
public struct ActorResolution: Sendable {
    public var actor: String?
    public var attribution: Detection.Attribution?
    public var evidence: [Detection.Evidence] = []
}

/// Armed groups with canonical names and aliases, compiled from `actors.yaml`, and the claim, blame and denial
/// phrases that tie a group to an attack.
public struct ActorDictionary: Sendable {
    struct Actor: Sendable {
        var name: String
        var parent: Int?
    }

    struct Alias: Sendable {
        var actor: Int
        var countries: [String]
    }

    enum Phrase: Sendable, Equatable {
        case claimAfter, claimBefore, speech, noClaim, blameBefore, blameAfter, perpetratorAfter, perpetratorBefore
        case denial, dissociateBefore, dissociateAfter
    }

    enum StatementPart: Sendable, Equatable { case selfReference, perpetration, motive }

    var actors: [Actor] = []
    var aliases: [Alias] = []
    var aliasTrie = PatternTrie<Int32>()
    var phraseTrie = PatternTrie<Phrase>()
    var statementTrie = PatternTrie<StatementPart>()
    var coreferenceTrie = PatternTrie<Bool>()
    var loneTrie = PatternTrie<Bool>()

    // Windows, in tokens, within one sentence.
    static let claimWindow = 20
    static let claimBeforeWindow = 6
    static let blameBeforeWindow = 8
    static let blameAfterWindow = 12
    static let perpetratorAfterWindow = 1
    static let perpetratorBeforeWindow = 3
    static let speechWindow = 15
    static let selfReferenceWindow = 12
    static let perpetrationWindow = 8
    static let motiveWindow = 16
    static let dissociateBeforeWindow = 4
    static let dissociateAfterWindow = 2
    static let coreferenceSentences = 6

    // MARK: Compiling

    /// Compiles `actors.yaml`; every problem is appended as `file:line: message`.
    static func compile(yaml: String, file: String, problems: inout [ConfigProblem]) -> ActorDictionary {
        var reader = YAMLReader(file: file)
        var dictionary = ActorDictionary()
        defer { problems += reader.problems }
        guard let root = reader.compose(yaml) else { return dictionary }
        if root.tag == .init(.null) { return dictionary }
        guard
            let sections = reader.entries(root, what: "actors file", allowed: ["actors", "lone_actor", "attribution"])
        else { return dictionary }
        for (key, _, value) in sections {
            switch key {
            case "actors": dictionary.compileActors(value, &reader)
            case "lone_actor":
                dictionary.compileList(value, key: key, &reader) { $0.loneTrie.add($1.phrase, payload: true) }
            default: dictionary.compileAttribution(value, &reader)
            }
        }
        return dictionary
    }

    private mutating func compileActors(_ node: Node, _ reader: inout YAMLReader) {
        guard let list = reader.sequence(node, what: "'actors'") else { return }
        var parents: [(actor: Int, name: String, node: Node)] = []
        // Alias text (folded unless case-sensitive) -> uses, to report duplicates.
        var seen: [String: [(actor: Int, countries: [String], line: Int)]] = [:]
        var pendingAliases: [(actor: Int, entry: PhraseEntry, countries: [String], node: Node)] = []
        for element in list {
            guard let fields = reader.entries(element, what: "an actor", allowed: ["name", "parent", "aliases"]) else {
                continue
            }
            guard let nameNode = fields.first(where: { $0.key == "name" })?.value,
                let name = reader.string(nameNode, key: "name")
            else {
                if !fields.contains(where: { $0.key == "name" }) { reader.report(element, "an actor needs a 'name'") }
                continue
            }
            if actors.contains(where: { $0.name == name }) {
                reader.report(nameNode, "duplicate actor '\(name)'")
                continue
            }
            let index = actors.count
            actors.append(Actor(name: name, parent: nil))
            var listed: [String] = []
            for (key, _, value) in fields {
                switch key {
                case "parent":
                    if let parent = reader.string(value, key: key) { parents.append((index, parent, value)) }
                case "aliases":
                    guard let aliasList = reader.sequence(value, what: "'aliases' of '\(name)'") else { continue }
                    for aliasNode in aliasList {
                        guard
                            var entry = Self.readAlias(aliasNode, &reader),
                            let countries = Self.countries(entry.extra, &reader)
                        else { continue }
                        entry.extra = []
                        let key = entry.caseSensitive ? entry.phrase : entry.phrase.lowercased()
                        if let clash = seen[key]?.first(where: { use in
                            use.actor == index
                                || (use.countries.isEmpty && countries.isEmpty)
                                || !Set(use.countries).isDisjoint(with: countries)
                        }) {
                            let other = actors[clash.actor].name
                            reader.report(
                                aliasNode,
                                "duplicate alias '\(entry.phrase)' (already an alias of '\(other)' at line "
                                    + "\(clash.line); the same alias may only be reused with disjoint 'countries')")
                            continue
                        }
                        seen[key, default: []].append((index, countries, reader.line(aliasNode)))
                        listed += entry.phrase.split(separator: "|").map { $0.lowercased() } + [key]
                        pendingAliases.append((index, entry, countries, aliasNode))
                    }
                default: break
                }
            }
            if !listed.contains(name.lowercased()) {
                pendingAliases.append((index, PhraseEntry(phrase: name), [], nameNode))
            }
        }
        for (actor, name, node) in parents {
            guard let parent = actors.firstIndex(where: { $0.name == name }) else {
                reader.report(node, "unknown parent '\(name)' (not the name of an actor in this file)")
                continue
            }
            if parent == actor {
                reader.report(node, "an actor cannot be its own parent")
                continue
            }
            actors[actor].parent = parent
        }
        for (actor, entry, countries, node) in pendingAliases {
            let index = Int32(aliases.count)
            aliases.append(Alias(actor: actor, countries: countries))
            if let message = aliasTrie.add(entry.phrase, payload: index, caseSensitive: entry.caseSensitive) {
                reader.report(node, "bad alias pattern: \(message)")
            }
        }
    }

    private static func readAlias(_ node: Node, _ reader: inout YAMLReader) -> PhraseEntry? {
        if node.scalar != nil { return PhraseEntry.read(node, key: "aliases", extra: [], &reader) }
        guard
            let fields = reader.entries(node, what: "an alias", allowed: ["alias", "case_sensitive", "countries"]),
            let aliasNode = fields.first(where: { $0.key == "alias" })?.value
        else {
            if case .mapping = node { reader.report(node, "an alias entry needs 'alias'") }
            return nil
        }
        guard let phrase = reader.string(aliasNode, key: "alias") else { return nil }
        var entry = PhraseEntry(phrase: phrase)
        for (key, _, value) in fields {
            if key == "case_sensitive" { entry.caseSensitive = reader.bool(value, key: key) ?? false }
            if key == "countries" { entry.extra.append((key, value)) }
        }
        return entry
    }

    private static func countries(_ extra: [(String, Node)], _ reader: inout YAMLReader) -> [String]? {
        guard let node = extra.first(where: { $0.0 == "countries" })?.1 else { return [] }
        guard let codes = reader.stringList(node, key: "countries") else { return nil }
        for code in codes
        where code.count != 2 || !code.unicodeScalars.allSatisfy({ $0.properties.isUppercase && $0.isASCII }) {
            reader.report(node, "'countries' must hold ISO 3166-1 alpha-2 codes such as AF, not '\(code)'")
            return nil
        }
        return codes
    }

    private mutating func compileList(
        _ node: Node, key: String, _ reader: inout YAMLReader, add: (inout ActorDictionary, PhraseEntry) -> String?
    ) {
        guard let list = reader.sequence(node, what: "'\(key)'") else { return }
        for element in list {
            guard let entry = PhraseEntry.read(element, key: key, extra: [], &reader) else { continue }
            if let message = add(&self, entry) { reader.report(element, "bad pattern: \(message)") }
        }
    }

    private mutating func compileAttribution(_ node: Node, _ reader: inout YAMLReader) {
        let phrases: [String: Phrase] = [
            "claim_after": .claimAfter, "claim_before": .claimBefore, "speech": .speech, "no_claim": .noClaim,
            "blame_before": .blameBefore, "blame_after": .blameAfter, "perpetrator_after": .perpetratorAfter,
            "perpetrator_before": .perpetratorBefore, "denial": .denial, "dissociate_before": .dissociateBefore,
            "dissociate_after": .dissociateAfter,
        ]
        let parts: [String: StatementPart] = [
            "self_reference": .selfReference, "perpetration": .perpetration, "motive": .motive,
        ]
        let allowed = (Array(phrases.keys) + Array(parts.keys) + ["coreference"]).sorted()
        guard let pairs = reader.entries(node, what: "attribution", allowed: allowed) else { return }
        for (key, _, value) in pairs {
            if let phrase = phrases[key] {
                compileList(value, key: key, &reader) { $0.phraseTrie.add($1.phrase, payload: phrase) }
            } else if let part = parts[key] {
                compileList(value, key: key, &reader) { $0.statementTrie.add($1.phrase, payload: part) }
            } else {
                compileList(value, key: key, &reader) { $0.coreferenceTrie.add($1.phrase, payload: true) }
            }
        }
    }

    // MARK: Finding

    /// Finds every group mention (aliases and references such as "the group") and ties each to the claim, blame,
    /// perpetrator and denial phrases of its sentence.
    func find(in context: AnalysisContext) -> [ActorMention] {
        let document = context.document
        guard !aliasTrie.isEmpty else { return [] }
        var mentions: [ActorMention] = []
        for match in aliasTrie.matches(in: document, longestOnly: true) {
            let alias = aliases[Int(match.payload)]
            let reading = ActorMention.Reading(actor: actors[alias.actor].name, countries: alias.countries)
            if let last = mentions.last, last.first == match.first, last.last == match.last {
                if !mentions[mentions.count - 1].readings.contains(reading) {
                    mentions[mentions.count - 1].readings.append(reading)
                }
                continue
            }
            var mention = ActorMention(first: match.first, last: match.last, actor: reading.actor)
            mention.readings = [reading]
            mentions.append(mention)
        }
        guard !mentions.isEmpty else { return [] }
        for index in mentions.indices {
            let readings = mentions[index].readings
            mentions[index].actor = (readings.first { $0.countries.isEmpty } ?? readings[0]).actor
        }
        let phrases = phraseTrie.matches(in: document)
        markDissociated(&mentions, phrases, document)
        addCoreferences(&mentions, document)
        addRelations(&mentions, phrases, document)
        if !loneTrie.matches(in: document).isEmpty {
            for index in mentions.indices { mentions[index].loneActorContext = true }
        }
        return mentions
    }

    private func markDissociated(
        _ mentions: inout [ActorMention], _ phrases: [PatternTrie<Phrase>.Match], _ document: TextDocument
    ) {
        for index in mentions.indices {
            let mention = mentions[index]
            let sentence = document.tokens[mention.first].sentence
            for phrase in phrases where document.tokens[phrase.first].sentence == sentence {
                switch phrase.payload {
                case .dissociateBefore
                where phrase.last < mention.first && mention.first - phrase.last - 1 <= Self.dissociateBeforeWindow:
                    mentions[index].dissociated = true
                case .dissociateAfter
                where phrase.first > mention.last && phrase.first - mention.last - 1 <= Self.dissociateAfterWindow:
                    mentions[index].dissociated = true
                default: break
                }
            }
        }
    }

    /// "the group", "the militants": a mention of the group named last within a few sentences.
    private func addCoreferences(_ mentions: inout [ActorMention], _ document: TextDocument) {
        let references = coreferenceTrie.matches(in: document)
        guard !references.isEmpty else { return }
        var added: [ActorMention] = []
        for reference in references {
            if mentions.contains(where: { $0.first <= reference.last && reference.first <= $0.last }) { continue }
            let sentence = Int(document.tokens[reference.first].sentence)
            let antecedents = mentions.filter {
                $0.last < reference.first && sentence - Int(document.tokens[$0.first].sentence) <= Self.coreferenceSentences
            }
            guard let antecedent = antecedents.last(where: { !$0.dissociated }) ?? antecedents.last else { continue }
            var mention = ActorMention(first: reference.first, last: reference.last, actor: antecedent.actor)
            mention.readings = antecedent.readings
            mention.coreference = true
            let previous = document.tokens[max(0, reference.first - Self.dissociateBeforeWindow)..<reference.first]
            mention.dissociated = previous.contains { Self.againstWords.contains($0.folded) }
            added.append(mention)
        }
        mentions = (mentions + added).sorted { $0.first < $1.first }
    }

    private static let againstWords = FoldedSet(
        ["against", "fighting", "rival", "rivals", "over"].map { TextDocument.hash($0) })

    private func addRelations(
        _ mentions: inout [ActorMention], _ phrases: [PatternTrie<Phrase>.Match], _ document: TextDocument
    ) {
        var statementParts: [PatternTrie<StatementPart>.Match]?
        for phrase in phrases {
            let sentence = document.tokens[phrase.first].sentence
            /// The nearest eligible mention before the phrase, within `window` tokens, in its sentence.
            func before(_ window: Int) -> Int? {
                mentions.indices.last {
                    let m = mentions[$0]
                    return !m.dissociated && m.last < phrase.first && phrase.first - m.last - 1 <= window
                        && document.tokens[m.first].sentence == sentence
                }
            }
            func after(_ window: Int) -> Int? {
                mentions.indices.first {
                    let m = mentions[$0]
                    return !m.dissociated && m.first > phrase.last && m.first - phrase.last - 1 <= window
                        && document.tokens[m.first].sentence == sentence
                }
            }
            func relate(_ index: Int?, _ kind: ActorRelation.Kind, last: Int? = nil) {
                guard let index else { return }
                mentions[index].relations.append(ActorRelation(kind: kind, first: phrase.first, last: last ?? phrase.last))
            }
            switch phrase.payload {
            case .claimAfter: relate(before(Self.claimWindow), .claimed)
            case .claimBefore: relate(after(Self.claimBeforeWindow), .claimed)
            case .blameBefore: relate(after(Self.blameBeforeWindow), .suspected)
            case .blameAfter: relate(before(Self.blameAfterWindow), .suspected)
            case .perpetratorAfter: relate(before(Self.perpetratorAfterWindow), .perpetrator)
            case .perpetratorBefore: relate(after(Self.perpetratorBeforeWindow), .perpetrator)
            case .denial: relate(before(Self.claimWindow), .denied)
            case .speech:
                guard let subject = before(Self.speechWindow) else { continue }
                if statementParts == nil { statementParts = statementTrie.matches(in: document, longestOnly: false) }
                if let end = selfStatementEnd(after: phrase.last, sentence: sentence, statementParts ?? [], document) {
                    relate(subject, .claimed, last: end)
                }
            case .noClaim, .dissociateBefore, .dissociateAfter: break
            }
        }
    }

    /// The end of "... it/its/the group ... carried out / fighters" or "... as revenge for" after a statement verb.
    private func selfStatementEnd(
        after verb: Int, sentence: Int32, _ parts: [PatternTrie<StatementPart>.Match], _ document: TextDocument
    ) -> Int? {
        let inSentence = parts.filter { $0.first > verb && document.tokens[$0.first].sentence == sentence }
        if let motive = inSentence.first(where: { $0.payload == .motive && $0.first - verb <= Self.motiveWindow }) {
            return motive.last
        }
        for reference in inSentence where reference.payload == .selfReference {
            guard reference.first - verb <= Self.selfReferenceWindow else { break }
            if let deed = inSentence.first(where: {
                $0.payload == .perpetration && $0.first > reference.last
                    && $0.first - reference.last <= Self.perpetrationWindow
            }) {
                return deed.last
            }
        }
        return nil
    }

    // MARK: Resolving

    /// Chooses the incident's actor: among the groups a claim, blame or perpetrator phrase ties to the attack,
    /// the one named in the latest claim or blame statement (the headline counts as the earliest); without such
    /// statements, the group most often named as the doer. A group that only denies or condemns is never chosen;
    /// without a claim, an article saying an individual acted alone gets no actor. Attribution is `claimed` when
    /// the chosen group claimed it, else `suspected`.
    func resolve(_ mentions: [ActorMention], in context: AnalysisContext, country: String?, anchors: [Int])
        -> ActorResolution
    {
        let document = context.document
        let resolved = resolveNames(mentions, country: country, document)
        var result = ActorResolution()
        guard !resolved.isEmpty else { return result }
        struct Tally {
            var claims: [(position: Int, mention: ActorMention, relation: ActorRelation)] = []
            var blames: [(position: Int, mention: ActorMention, relation: ActorRelation)] = []
            var perpetrator: [(mention: ActorMention, relation: ActorRelation)] = []
            var firstMention = Int.max
        }
        var tallies: [String: Tally] = [:]
        for (mention, actor) in resolved where !mention.dissociated {
            var tally = tallies[actor] ?? Tally()
            tally.firstMention = min(tally.firstMention, mention.first)
            for relation in mention.relations {
                let position = document.inTitle(relation.first) ? -1 : relation.first
                switch relation.kind {
                case .claimed: tally.claims.append((position, mention, relation))
                case .suspected: tally.blames.append((position, mention, relation))
                case .perpetrator: tally.perpetrator.append((mention, relation))
                case .denied: break
                }
            }
            tallies[actor] = tally
        }
        var chosen: (actor: String, mention: ActorMention, relation: ActorRelation)?
        var latest = Int.min
        for (actor, tally) in tallies {
            for statement in tally.claims + tally.blames where statement.position > latest {
                latest = statement.position
                chosen = (actor, statement.mention, statement.relation)
            }
        }
        if chosen == nil {
            let doers = tallies.filter { !$0.value.perpetrator.isEmpty }
            if let best = doers.max(by: { a, b in
                if a.value.perpetrator.count != b.value.perpetrator.count {
                    return a.value.perpetrator.count < b.value.perpetrator.count
                }
                return a.value.firstMention > b.value.firstMention
            }), let first = best.value.perpetrator.first {
                chosen = (best.key, first.mention, first.relation)
            }
        }
        guard let chosen, let tally = tallies[chosen.actor] else { return result }
        if tally.claims.isEmpty, mentions.contains(where: \.loneActorContext) { return result }
        result.actor = chosen.actor
        if let claim = tally.claims.max(by: { $0.position < $1.position }) {
            result.attribution = .claimed
            result.evidence.append(context.evidence("actor", from: claim.mention.first, to: claim.mention.last))
            result.evidence.append(
                context.evidence("actor_attribution", from: claim.relation.first, to: claim.relation.last))
        } else {
            result.attribution = .suspected
            result.evidence.append(context.evidence("actor", from: chosen.mention.first, to: chosen.mention.last))
            result.evidence.append(
                context.evidence("actor_attribution", from: chosen.relation.first, to: chosen.relation.last))
        }
        return result
    }

    /// The actor of a roundup: the group named in the headline, else the group named as the doer in the
    /// sentences of the roundup statement (headline and first paragraph). Attribution does not apply.
    func resolveRoundup(_ mentions: [ActorMention], in context: AnalysisContext, country: String?, anchors: [Int])
        -> ActorResolution
    {
        let document = context.document
        let resolved = resolveNames(mentions, country: country, document).filter { !$0.mention.dissociated }
        var result = ActorResolution()
        let anchorSentences = Set(
            anchors.filter { $0 < document.tokens.count && document.sentence(of: $0).paragraph <= 1 }
                .map { document.tokens[$0].sentence })
        let pick =
            resolved.first { document.inTitle($0.mention.first) }
            ?? resolved.first {
                anchorSentences.contains(document.tokens[$0.mention.first].sentence)
                    && $0.mention.relations.contains { $0.kind == .perpetrator || $0.kind == .claimed }
            }
        if let pick {
            result.actor = pick.actor
            result.evidence.append(context.evidence("actor", from: pick.mention.first, to: pick.mention.last))
        }
        return result
    }

    /// Each mention with the group it means where the incident happened; a group's mentions count for a more
    /// specific group named in the same article: its only child named there, or the only group whose name
    /// contains this mention's words ("Taliban" in "Pakistani Taliban").
    func resolveNames(_ mentions: [ActorMention], country: String?, _ document: TextDocument)
        -> [(mention: ActorMention, actor: String)]
    {
        let named = mentions.compactMap { mention in mention.actor(in: country).map { (mention, $0) } }
        let present = Set(named.map(\.1))
        guard present.count > 1 else { return named }
        var replacement: [String: String] = [:]
        for name in present {
            let children = present.filter { $0 != name && isAncestor(name, of: $0) }
            if children.count == 1, let child = children.first { replacement[name] = child }
        }
        func words(_ mention: ActorMention) -> [UInt64] {
            (mention.first...mention.last).map { document.tokens[$0].folded }
        }
        for (mention, actor) in named where replacement[actor] == nil && !mention.coreference {
            let inner = words(mention)
            let containers = Set(
                named.filter { other in
                    other.1 != actor && !other.0.coreference && other.0.last - other.0.first > mention.last - mention.first
                        && Self.contains(words(other.0), inner)
                }.map(\.1))
            if containers.count == 1, let container = containers.first { replacement[actor] = container }
        }
        return named.map { (mention, actor) in (mention, replacement[actor] ?? actor) }
    }

    private static func contains(_ haystack: [UInt64], _ needle: [UInt64]) -> Bool {
        guard !needle.isEmpty, needle.count < haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return true
        }
        return false
    }

    private func isAncestor(_ ancestor: String, of name: String) -> Bool {
        guard var index = actors.firstIndex(where: { $0.name == name }) else { return false }
        for _ in 0..<8 {
            guard let parent = actors[index].parent else { return false }
            if actors[parent].name == ancestor { return true }
            index = parent
        }
        return false
    }
}
