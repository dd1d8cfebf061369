import Foundation
import VigilCore

/// The article to analyse.
public struct DetectorInput: Sendable {
    public var id: String?
    public var title: String?
    public var text: String
    /// Publication time: relative dates ("on Monday", "last year") resolve against it.
    public var published: Date?

    public init(id: String? = nil, title: String? = nil, text: String, published: Date? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.published = published
    }
}

/// The data files a detector is compiled from (their text and the names to report problems against).
public struct DetectorSources: Sendable {
    /// `taxonomy.yaml`: event types, subtypes, their trigger phrases, and target types.
    public var taxonomy: (name: String, text: String)
    /// `cues.yaml`: phrases that mark articles that are not incident reports (threats, trials, ...).
    public var cues: (name: String, text: String)
    /// `actors.yaml`: armed groups, canonical names and aliases.
    public var actors: (name: String, text: String)
    /// `gazetteer.tsv`: countries, first-level divisions and populated places (GeoNames).
    public var gazetteer: (name: String, text: String)

    public init(
        taxonomy: (name: String, text: String), cues: (name: String, text: String),
        actors: (name: String, text: String), gazetteer: (name: String, text: String)
    ) {
        self.taxonomy = taxonomy
        self.cues = cues
        self.actors = actors
        self.gazetteer = gazetteer
    }

    /// The file names inside a data folder.
    public static let fileNames = ["taxonomy.yaml", "cues.yaml", "actors.yaml", "gazetteer.tsv"]
}

/// Detects security incidents in article text and extracts who, where, what, when and how many, with evidence.
/// Compiled once from the data files; `analyze` is pure and thread-safe.
public struct Detector: Sendable {
    /// Bumped whenever output may change; stored items analysed by an older version are analysed again.
    public static let version = 1

    let taxonomy: Taxonomy
    let cues: CueLexicon
    let actors: ActorDictionary
    let gazetteer: Gazetteer

    /// Compiles the data files; throws `DetectorDataError` listing every problem as `file:line: message`.
    public init(sources: DetectorSources) throws {
        var problems: [ConfigProblem] = []
        let taxonomy = Taxonomy.compile(yaml: sources.taxonomy.text, file: sources.taxonomy.name, problems: &problems)
        let cues = CueLexicon.compile(yaml: sources.cues.text, file: sources.cues.name, problems: &problems)
        let actors = ActorDictionary.compile(yaml: sources.actors.text, file: sources.actors.name, problems: &problems)
        let gazetteer = Gazetteer.compile(
            tsv: sources.gazetteer.text, file: sources.gazetteer.name, problems: &problems)
        guard problems.isEmpty else { throw DetectorDataError(problems: problems) }
        self.taxonomy = taxonomy
        self.cues = cues
        self.actors = actors
        self.gazetteer = gazetteer
    }

    /// Analyses one article.
    public func analyze(_ input: DetectorInput) -> Detection {
        let document = TextDocument(title: input.title, body: input.text)
        var detection = Detection(id: input.id)
        guard document.tokens.contains(where: { $0.kind == .word }) else {
            detection.kind = .other
            return detection
        }
        let context = AnalysisContext(document: document, published: input.published)
        // 1. What the text says happened (triggers), and what kind of article it is.
        let events = taxonomy.findEvents(in: context)
        let cueHits = cues.find(in: context)
        let numbers = NumberReader.read(context)
        let casualties = CasualtyExtractor.extract(context, numbers: numbers)
        let roundup = RoundupExtractor.extract(context, numbers: numbers)
        let actorMentions = actors.find(in: context)
        let places = gazetteer.findPlaces(in: context)
        let decision = IncidentDecider.decide(
            context, events: events, cues: cueHits, casualties: casualties, roundup: roundup, places: places)
        detection.kind = decision.kind
        detection.confidence = decision.confidence
        var evidence = decision.evidence

        switch decision.kind {
        case .incident:
            let anchors = decision.anchors
            let event = taxonomy.classify(decision.events, anchors: anchors, in: context)
            detection.eventType = event.eventType
            detection.subtype = event.subtype
            detection.suicide = event.suicide
            detection.targets = event.targets
            evidence += event.evidence
            let location = PlaceResolver.resolve(context, places: places, anchors: anchors, gazetteer: gazetteer)
            detection.country = location.country
            detection.place = location.place
            evidence += location.evidence
            let actor = actors.resolve(actorMentions, in: context, country: location.country, anchors: anchors)
            detection.actor = actor.actor
            detection.attribution = actor.attribution
            evidence += actor.evidence
            detection.killed = casualties.killed
            detection.wounded = casualties.wounded
            evidence += casualties.evidence
            let date = EventDateResolver.resolve(context, anchors: anchors)
            detection.eventDate = date.date
            evidence += date.evidence
        case .roundup:
            // The kind may rest on roundup cues alone; the actor is resolved either way.
            let anchors = roundup.anchors.isEmpty ? decision.anchors : roundup.anchors
            let location = PlaceResolver.resolve(context, places: places, anchors: anchors, gazetteer: gazetteer)
            let actor = actors.resolveRoundup(actorMentions, in: context, country: location.country, anchors: anchors)
            detection.actor = actor.actor
            detection.country = location.country
            evidence += location.evidence + actor.evidence
            if var found = roundup.roundup {
                found.actor = actor.actor
                found.country = location.country
                detection.roundup = found
                evidence += roundup.evidence
            }
        default:
            break
        }
        detection.evidence = evidence
        return detection
    }
}

/// The data files could not be compiled.
public struct DetectorDataError: Error, CustomStringConvertible {
    public var problems: [ConfigProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// What every stage sees: the tokenised document and the publication time.
public struct AnalysisContext: Sendable {
    public let document: TextDocument
    public let published: Date?

    /// Evidence for tokens `from...to`.
    public func evidence(_ field: String, from: Int, to: Int) -> Detection.Evidence {
        let span = document.evidence(field, from: from, to: to)
        return Detection.Evidence(field: field, text: span.text, start: span.start, end: span.end)
    }
}
