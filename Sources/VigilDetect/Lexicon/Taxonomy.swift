import VigilCore
import Yams

/// One trigger phrase found in the text: a word or phrase that names an attack ("suicide bomber", "gunmen
/// stormed", "drone strike").
public struct EventHit: Sendable, Equatable {
    public var first: Int
    public var last: Int
    public var eventType: String
    public var subtype: String?
    /// Higher is more specific; when several match, the most specific wins.
    public var specificity: Int
    /// How much the trigger counts as evidence of an attack (before position weighting).
    public var weight: Double = 1
    /// What the trigger says about the attacker dying deliberately; nil when it says nothing.
    public var suicide: Bool?
}

/// Every trigger found in a document, with the words that report victims.
public struct EventMentions: Sendable {
    public var hits: [EventHit] = []
    /// First token of every harm word ("killed", "wounded", "death toll").
    public var harm: [Int] = []
    /// Sentences that carry a perpetrator's own account ("claimed", "saying its"), for the suicide rule.
    public var reportedClaimSentences: Set<Int> = []
    /// The article says a claim has not been confirmed.
    public var unconfirmed: [Int] = []
}

/// The event type chosen for an incident, with its subtype, suicide flag and targets.
public struct EventClassification: Sendable {
    public var eventType: String?
    public var subtype: String?
    public var suicide: Bool?
    public var targets: [String] = []
    public var evidence: [Detection.Evidence] = []
}

/// The event taxonomy (ACLED/GTD-aligned event types and subtypes with their trigger lexicons, and target types),
/// compiled from `taxonomy.yaml`.
public struct Taxonomy: Sendable {
    /// The event types an output may carry (the detection contract), in default precedence order.
    public static let eventTypes = [
        "remote_strike", "hijacking", "kidnapping", "assassination", "bombing", "armed_assault", "facility_attack",
        "unarmed_assault", "other",
    ]

    struct EventType: Sendable {
        var name: String
        var suicide: Bool?
    }

    struct Subtype: Sendable {
        var name: String
        var parent: Int
        var specificity: Int
        var suicide: Bool??
    }

    struct Trigger: Sendable {
        var eventType: Int
        var subtype: Int?
        var specificity: Int
        var weight: Double
        var context: Int?
        var suicide: Bool?
    }

    struct Context: Sendable {
        var name: String
        var documentScope: Bool
    }

    enum Marker: Sendable { case harm, claimed, unconfirmed }

    /// Event types in precedence order.
    var types: [EventType] = []
    var subtypes: [Subtype] = []
    var triggers: [Trigger] = []
    var contexts: [Context] = []
    var targetTypes: [String] = []
    var triggerTrie = PatternTrie<Int32>()
    var contextTrie = PatternTrie<Int32>()
    var targetTrie = PatternTrie<Int32>()
    var markerTrie = PatternTrie<Marker>()

    /// Whether the taxonomy holds any trigger (an empty data file compiles to a detector that finds nothing).
    var isEmpty: Bool { triggerTrie.isEmpty }

    // MARK: Compiling

    /// Compiles `taxonomy.yaml`; every problem is appended as `file:line: message`.
    static func compile(yaml: String, file: String, problems: inout [ConfigProblem]) -> Taxonomy {
        var reader = YAMLReader(file: file)
        var taxonomy = Taxonomy()
        defer { problems += reader.problems }
        guard let root = reader.compose(yaml) else { return taxonomy }
        if root.tag == .init(.null) { return taxonomy }
        guard
            let sections = reader.entries(
                root, what: "taxonomy",
                allowed: ["event_types", "subtypes", "contexts", "harm", "targets", "suicide_claims"])
        else { return taxonomy }
        let section = Dictionary(sections.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        // Contexts first: triggers refer to them by name.
        if let node = section["contexts"] { taxonomy.compileContexts(node, &reader) }
        var pendingTriggers: [(node: Node, type: Int, subtype: Int?)] = []
        if let node = section["event_types"], let pairs = reader.entries(node, what: "event_types") {
            for (name, keyNode, value) in pairs {
                guard Self.eventTypes.contains(name) else {
                    reader.report(
                        keyNode, "unknown event type '\(name)' (one of: \(Self.eventTypes.joined(separator: ", ")))")
                    continue
                }
                guard let fields = reader.entries(value, what: "event type '\(name)'", allowed: ["suicide", "triggers"])
                else { continue }
                var type = EventType(name: name, suicide: nil)
                for (key, _, field) in fields {
                    switch key {
                    case "suicide": if let value = reader.optionalBool(field, key: key) { type.suicide = value }
                    default: pendingTriggers.append((field, taxonomy.types.count, nil))
                    }
                }
                taxonomy.types.append(type)
            }
        } else {
            reader.report(root, "missing 'event_types'")
        }
        for name in Self.eventTypes where !taxonomy.types.contains(where: { $0.name == name }) {
            taxonomy.types.append(EventType(name: name, suicide: nil))
        }
        if let node = section["subtypes"], let pairs = reader.entries(node, what: "subtypes") {
            for (name, keyNode, value) in pairs {
                guard
                    let fields = reader.entries(
                        value, what: "subtype '\(name)'", allowed: ["parent", "specificity", "suicide", "triggers"])
                else { continue }
                var parent: Int?
                var specificity = 2
                var suicide: Bool?? = nil
                var triggerNode: Node?
                for (key, _, field) in fields {
                    switch key {
                    case "parent":
                        guard let parentName = reader.string(field, key: key) else { continue }
                        parent = taxonomy.types.firstIndex { $0.name == parentName }
                        if parent == nil { reader.report(field, "unknown event type '\(parentName)' as parent") }
                    case "specificity":
                        specificity = reader.int(field, key: key, range: 2...9) ?? specificity
                    case "suicide":
                        if let value = reader.optionalBool(field, key: key) { suicide = .some(value) }
                    default: triggerNode = field
                    }
                }
                guard let parent else {
                    if !fields.contains(where: { $0.key == "parent" }) {
                        reader.report(keyNode, "subtype '\(name)' needs a 'parent' event type")
                    }
                    continue
                }
                taxonomy.subtypes.append(Subtype(name: name, parent: parent, specificity: specificity, suicide: suicide))
                if let triggerNode { pendingTriggers.append((triggerNode, parent, taxonomy.subtypes.count - 1)) }
            }
        }
        for pending in pendingTriggers {
            taxonomy.compileTriggers(pending.node, type: pending.type, subtype: pending.subtype, &reader)
        }
        if let node = section["harm"] {
            taxonomy.compilePhrases(node, key: "harm", &reader) { trie, entry in
                trie.markerTrie.add(entry.phrase, payload: .harm, caseSensitive: entry.caseSensitive)
            }
        }
        if let node = section["targets"], let pairs = reader.entries(node, what: "targets") {
            for (name, _, value) in pairs {
                let index = Int32(taxonomy.targetTypes.count)
                taxonomy.targetTypes.append(name)
                taxonomy.compilePhrases(value, key: "targets.\(name)", &reader) { trie, entry in
                    trie.targetTrie.add(entry.phrase, payload: index, caseSensitive: entry.caseSensitive)
                }
            }
        }
        if let node = section["suicide_claims"],
            let pairs = reader.entries(node, what: "suicide_claims", allowed: ["reported", "unconfirmed"])
        {
            for (key, _, value) in pairs {
                let marker: Marker = key == "reported" ? .claimed : .unconfirmed
                taxonomy.compilePhrases(value, key: "suicide_claims.\(key)", &reader) { trie, entry in
                    trie.markerTrie.add(entry.phrase, payload: marker, caseSensitive: entry.caseSensitive)
                }
            }
        }
        return taxonomy
    }

    private mutating func compileContexts(_ node: Node, _ reader: inout YAMLReader) {
        guard let pairs = reader.entries(node, what: "contexts") else { return }
        for (name, _, value) in pairs {
            guard let fields = reader.entries(value, what: "context '\(name)'", allowed: ["scope", "phrases"]) else {
                continue
            }
            var documentScope = false
            for (key, _, field) in fields where key == "scope" {
                switch reader.string(field, key: key) {
                case "document": documentScope = true
                case "sentence": documentScope = false
                case let other?: reader.report(field, "'scope' must be 'sentence' or 'document', not '\(other)'")
                case nil: break
                }
            }
            let index = Int32(contexts.count)
            contexts.append(Context(name: name, documentScope: documentScope))
            for (key, _, field) in fields where key == "phrases" {
                compilePhrases(field, key: "contexts.\(name).phrases", &reader) { taxonomy, entry in
                    taxonomy.contextTrie.add(entry.phrase, payload: index, caseSensitive: entry.caseSensitive)
                }
            }
        }
    }

    private mutating func compileTriggers(_ node: Node, type: Int, subtype: Int?, _ reader: inout YAMLReader) {
        guard let list = reader.sequence(node, what: "'triggers'") else { return }
        let subtypeInfo = subtype.map { subtypes[$0] }
        for element in list {
            guard
                let entry = PhraseEntry.read(
                    element, key: "triggers", extra: ["weight", "needs_context", "suicide"], &reader)
            else { continue }
            var trigger = Trigger(
                eventType: type, subtype: subtype, specificity: subtypeInfo?.specificity ?? 1,
                weight: subtype == nil ? 1 : 2, context: nil, suicide: subtypeInfo?.suicide ?? nil)
            for (key, field) in entry.extra {
                switch key {
                case "weight":
                    trigger.weight = reader.double(field, key: key, range: 0...10) ?? trigger.weight
                case "needs_context":
                    guard let name = reader.string(field, key: key) else { continue }
                    if let index = contexts.firstIndex(where: { $0.name == name }) {
                        trigger.context = index
                    } else {
                        reader.report(field, "unknown context '\(name)' (define it under 'contexts')")
                    }
                case "suicide":
                    if let value = reader.optionalBool(field, key: key) { trigger.suicide = value }
                default: break
                }
            }
            let index = Int32(triggers.count)
            triggers.append(trigger)
            if let message = triggerTrie.add(entry.phrase, payload: index, caseSensitive: entry.caseSensitive) {
                reader.report(element, "bad pattern: \(message)")
            }
        }
    }

    private mutating func compilePhrases(
        _ node: Node, key: String, _ reader: inout YAMLReader,
        add: (inout Taxonomy, PhraseEntry) -> String?
    ) {
        guard let list = reader.sequence(node, what: "'\(key)'") else { return }
        for element in list {
            guard let entry = PhraseEntry.read(element, key: key, extra: [], &reader) else { continue }
            if let message = add(&self, entry) { reader.report(element, "bad pattern: \(message)") }
        }
    }

    // MARK: Finding

    /// Finds every trigger whose context holds, the harm words, and the claim/unconfirmed markers.
    func findEvents(in context: AnalysisContext) -> EventMentions {
        let document = context.document
        var mentions = EventMentions()
        guard !triggerTrie.isEmpty else { return mentions }
        // Contexts present in the document and in each sentence.
        var documentContexts = Set<Int32>()
        var sentenceContexts: [Int: Set<Int32>] = [:]
        for match in contextTrie.matches(in: document, longestOnly: false) {
            documentContexts.insert(match.payload)
            sentenceContexts[Int(document.tokens[match.first].sentence), default: []].insert(match.payload)
        }
        for match in triggerTrie.matches(in: document) {
            let trigger = triggers[Int(match.payload)]
            if let needed = trigger.context {
                let holds =
                    contexts[needed].documentScope
                    ? documentContexts.contains(Int32(needed))
                    : sentenceContexts[Int(document.tokens[match.first].sentence)]?.contains(Int32(needed)) ?? false
                if !holds { continue }
            }
            mentions.hits.append(
                EventHit(
                    first: match.first, last: match.last, eventType: types[trigger.eventType].name,
                    subtype: trigger.subtype.map { subtypes[$0].name }, specificity: trigger.specificity,
                    weight: trigger.weight, suicide: trigger.suicide))
        }
        for match in markerTrie.matches(in: document) {
            switch match.payload {
            case .harm: mentions.harm.append(match.first)
            case .claimed: mentions.reportedClaimSentences.insert(Int(document.tokens[match.first].sentence))
            case .unconfirmed: mentions.unconfirmed.append(match.first)
            }
        }
        return mentions
    }

    // MARK: Classifying

    /// Chooses the event type, subtype, suicide flag and targets from the triggers at `anchors` (the incident's
    /// triggers, chosen by the decider). Each type's triggers are summed with their weight times the weight of
    /// their position (headline, first paragraph, ...); the heaviest type wins, ties going to the type listed
    /// first in the data file. The subtype is the most specific one of that type.
    func classify(_ events: EventMentions, anchors: [Int], in context: AnalysisContext) -> EventClassification {
        let document = context.document
        var result = EventClassification()
        let anchorSet = Set(anchors)
        let hits = events.hits.filter { anchorSet.contains($0.first) }
        guard !hits.isEmpty else {
            if !anchors.isEmpty { result.eventType = "other" }
            return result
        }
        var scores: [String: Double] = [:]
        for hit in hits { scores[hit.eventType, default: 0] += hit.weight * Prominence.weight(document, hit.first) }
        let specific = scores.filter { $0.key != "other" && $0.value > 0 }
        let candidates = specific.isEmpty ? scores : specific
        let order = types.map(\.name)
        let best = candidates.max { a, b in
            if a.value != b.value { return a.value < b.value }
            return (order.firstIndex(of: a.key) ?? 99) > (order.firstIndex(of: b.key) ?? 99)
        }
        guard let eventType = best?.key else { return result }
        result.eventType = eventType
        let ofType = hits.filter { $0.eventType == eventType }
        if let strongest = ofType.max(by: {
            $0.weight * Prominence.weight(document, $0.first) < $1.weight * Prominence.weight(document, $1.first)
        }) {
            result.evidence.append(context.evidence("event_type", from: strongest.first, to: strongest.last))
        }
        let withSubtype = ofType.filter { $0.subtype != nil }
        if let most = withSubtype.max(by: { a, b in
            if a.specificity != b.specificity { return a.specificity < b.specificity }
            return a.weight * Prominence.weight(document, a.first) < b.weight * Prominence.weight(document, b.first)
        }) {
            result.subtype = most.subtype
            result.evidence.append(context.evidence("subtype", from: most.first, to: most.last))
        }
        (result.suicide, result.evidence) = suicide(events, eventType: eventType, context, result.evidence)
        let (targets, targetEvidence) = findTargets(hits: ofType.isEmpty ? hits : ofType, context)
        result.targets = targets
        result.evidence += targetEvidence
        return result
    }

    /// True when a trigger says an attacker died deliberately (unless that is only the perpetrator's unconfirmed
    /// claim); false when the event type, or a trigger of it, says the method is not a suicide attack; else open.
    private func suicide(
        _ events: EventMentions, eventType: String, _ context: AnalysisContext, _ evidence: [Detection.Evidence]
    ) -> (Bool?, [Detection.Evidence]) {
        var evidence = evidence
        let document = context.document
        let saysSuicide = events.hits.filter { $0.suicide == true }
        let independent = saysSuicide.filter {
            !events.reportedClaimSentences.contains(Int(document.tokens[$0.first].sentence))
        }
        if let hit = independent.first ?? (events.unconfirmed.isEmpty ? saysSuicide.first : nil) {
            evidence.append(context.evidence("suicide", from: hit.first, to: hit.last))
            return (true, evidence)
        }
        if !saysSuicide.isEmpty { return (nil, evidence) }
        if let hit = events.hits.first(where: { $0.eventType == eventType && $0.suicide == false }) {
            evidence.append(context.evidence("suicide", from: hit.first, to: hit.last))
            return (false, evidence)
        }
        let typeDefault = types.first { $0.name == eventType }?.suicide ?? nil
        return (typeDefault, evidence)
    }

    /// Target types named in the sentences of the incident's triggers, in order of first mention. A word that is
    /// the speaker of a statement ("police said") is not a target.
    private func findTargets(hits: [EventHit], _ context: AnalysisContext) -> ([String], [Detection.Evidence]) {
        let document = context.document
        var sentences = Set<Int>()
        for hit in hits { sentences.insert(Int(document.tokens[hit.first].sentence)) }
        var targets: [String] = []
        var evidence: [Detection.Evidence] = []
        for sentence in sentences.sorted() {
            let range = document.sentences[sentence].tokens
            for match in targetTrie.matches(in: document, range: range) {
                let next = match.last + 1
                if next < document.tokens.count, Self.speechVerbs.contains(document.tokens[next].folded) { continue }
                let name = targetTypes[Int(match.payload)]
                if !targets.contains(name) {
                    targets.append(name)
                    evidence.append(context.evidence("targets", from: match.first, to: match.last))
                }
            }
        }
        return (targets, evidence)
    }

    private static let speechVerbs = FoldedSet(
        ["said", "say", "says", "told", "reported", "announced", "stated", "confirmed", "spokesman", "spokeswoman"]
            .map { TextDocument.hash($0) })
}

/// One entry of a phrase list: a pattern string, or a mapping with `phrase`, `case_sensitive` and extra keys.
struct PhraseEntry {
    var phrase: String
    var caseSensitive = false
    var extra: [(String, Node)] = []

    static func read(_ node: Node, key: String, extra: [String], _ reader: inout YAMLReader) -> PhraseEntry? {
        if node.scalar != nil {
            guard let phrase = reader.string(node, key: key) else { return nil }
            return PhraseEntry(phrase: phrase)
        }
        guard
            let fields = reader.entries(
                node, what: "an entry of '\(key)'", allowed: ["phrase", "case_sensitive"] + extra)
        else { return nil }
        var entry = PhraseEntry(phrase: "")
        for (name, _, value) in fields {
            switch name {
            case "phrase": entry.phrase = reader.string(value, key: name) ?? ""
            case "case_sensitive": entry.caseSensitive = reader.bool(value, key: name) ?? false
            default: entry.extra.append((name, value))
            }
        }
        guard !entry.phrase.isEmpty else {
            if !fields.contains(where: { $0.key == "phrase" }) { reader.report(node, "entry needs a 'phrase'") }
            return nil
        }
        return entry
    }
}
