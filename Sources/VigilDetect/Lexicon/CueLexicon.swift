import Foundation
import VigilCore
import Yams

/// How a cue changes the attack words around it.
public enum CueMask: UInt8, Sendable {
    /// It only counts for its kind.
    case none
    /// Attack words inside the cue are not attacks ("heart attack", "ransomware attack", "U.S. raid").
    case span
    /// Every attack word in the cue's sentence is figurative (sports, box office).
    case sentence
}

/// One phrase that points to a kind of article other than an incident report (or, with kind `incident`, supports
/// one).
public struct CueHit: Sendable, Equatable {
    public var first: Int
    public var last: Int
    public var kind: Detection.Kind
    public var weight: Double
    public var masks: CueMask = .none
}

/// A word that changes an attack word near it.
public struct MarkerHit: Sendable, Equatable {
    /// What the marker does.
    public enum Kind: String, Sendable, CaseIterable {
        case negation, hypothetical, historical, recency
    }

    public var first: Int
    public var last: Int
    public var kind: Kind
}

/// Every cue and marker found in a document, with the lexicon's settings the decider needs.
public struct CueHits: Sendable {
    public var hits: [CueHit] = []
    public var markers: [MarkerHit] = []
    /// How far before and after an attack word each marker kind reaches (tokens).
    public var windows: [MarkerHit.Kind: (before: Int, after: Int)] = [:]
    /// How strongly each kind argues against an incident report (0-1).
    public var againstIncident: [Detection.Kind: Double] = [:]

    /// The marker of `kind` that governs the tokens `first...last`, if any: in the same sentence, ending at most
    /// `before` tokens before `first` or starting at most `after` tokens after `last`. A negation must not be
    /// separated from the word by punctuation.
    public func marker(_ kind: MarkerHit.Kind, first: Int, last: Int, in document: TextDocument) -> MarkerHit? {
        guard let window = windows[kind] else { return nil }
        let sentence = document.tokens[first].sentence
        for marker in markers where marker.kind == kind && document.tokens[marker.first].sentence == sentence {
            if marker.last < first, marker.last >= first - window.before {
                if kind == .negation,
                    (marker.last + 1..<first).contains(where: { document.tokens[$0].kind == .punctuation })
                {
                    continue
                }
                return marker
            }
            if marker.first > last, marker.first <= last + window.after { return marker }
        }
        return nil
    }
}

/// Phrases marking threats, anniversaries, trials, counter-terrorism operations, metaphors, cyber attacks,
/// politics and accidents or ordinary crime, compiled from `cues.yaml`.
public struct CueLexicon: Sendable {
    struct Cue: Sendable {
        var kind: Detection.Kind
        var weight: Double
        var masks: CueMask
    }

    var cues: [Cue] = []
    var cueTrie = PatternTrie<Int32>()
    var markerTrie = PatternTrie<MarkerHit.Kind>()
    var windows: [MarkerHit.Kind: (before: Int, after: Int)] = [:]
    var againstIncident: [Detection.Kind: Double] = [:]
    /// Whether a year before the publication year is a historical marker.
    var pastYears = false

    /// Compiles `cues.yaml`; every problem is appended as `file:line: message`.
    static func compile(yaml: String, file: String, problems: inout [ConfigProblem]) -> CueLexicon {
        var reader = YAMLReader(file: file)
        var lexicon = CueLexicon()
        defer { problems += reader.problems }
        guard let root = reader.compose(yaml) else { return lexicon }
        if root.tag == .init(.null) { return lexicon }
        guard let sections = reader.entries(root, what: "cues", allowed: ["kinds", "markers"]) else { return lexicon }
        for (key, _, value) in sections {
            if key == "kinds" { lexicon.compileKinds(value, &reader) } else { lexicon.compileMarkers(value, &reader) }
        }
        return lexicon
    }

    private mutating func compileKinds(_ node: Node, _ reader: inout YAMLReader) {
        guard let pairs = reader.entries(node, what: "kinds") else { return }
        for (name, keyNode, value) in pairs {
            guard let kind = Detection.Kind(rawValue: name) else {
                let names = Detection.Kind.allCases.map(\.rawValue)
                let hint = YAMLReader.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                reader.report(keyNode, "unknown kind '\(name)'\(hint)")
                continue
            }
            guard let fields = reader.entries(value, what: "kind '\(name)'", allowed: ["against_incident", "phrases"])
            else { continue }
            againstIncident[kind] = 1
            for (key, _, field) in fields {
                if key == "against_incident" {
                    againstIncident[kind] = reader.double(field, key: key, range: 0...1) ?? 1
                    continue
                }
                guard let list = reader.sequence(field, what: "'phrases' of '\(name)'") else { continue }
                for element in list {
                    guard let entry = PhraseEntry.read(element, key: "phrases", extra: ["weight", "masks"], &reader)
                    else { continue }
                    var cue = Cue(kind: kind, weight: 1, masks: .none)
                    for (extraKey, extraNode) in entry.extra {
                        if extraKey == "weight" {
                            cue.weight = reader.double(extraNode, key: extraKey, range: 0...10) ?? 1
                        } else {
                            switch reader.string(extraNode, key: extraKey) {
                            case "span": cue.masks = .span
                            case "sentence": cue.masks = .sentence
                            case "none": cue.masks = .none
                            case let other?:
                                reader.report(extraNode, "'masks' must be span, sentence or none, not '\(other)'")
                            case nil: break
                            }
                        }
                    }
                    let index = Int32(cues.count)
                    cues.append(cue)
                    if let message = cueTrie.add(entry.phrase, payload: index, caseSensitive: entry.caseSensitive) {
                        reader.report(element, "bad pattern: \(message)")
                    }
                }
            }
        }
    }

    private mutating func compileMarkers(_ node: Node, _ reader: inout YAMLReader) {
        guard let pairs = reader.entries(node, what: "markers") else { return }
        for (name, keyNode, value) in pairs {
            guard let kind = MarkerHit.Kind(rawValue: name) else {
                let names = MarkerHit.Kind.allCases.map(\.rawValue)
                reader.report(keyNode, "unknown marker '\(name)' (one of: \(names.joined(separator: ", ")))")
                continue
            }
            guard
                let fields = reader.entries(
                    value, what: "marker '\(name)'", allowed: ["before", "after", "past_years", "phrases"])
            else { continue }
            var window = (before: 0, after: 0)
            for (key, _, field) in fields {
                switch key {
                case "before": window.before = reader.int(field, key: key, range: 0...30) ?? 0
                case "after": window.after = reader.int(field, key: key, range: 0...30) ?? 0
                case "past_years": pastYears = reader.bool(field, key: key) ?? false
                default:
                    guard let list = reader.sequence(field, what: "'phrases' of '\(name)'") else { continue }
                    for element in list {
                        guard let entry = PhraseEntry.read(element, key: "phrases", extra: [], &reader) else {
                            continue
                        }
                        if let message = markerTrie.add(entry.phrase, payload: kind, caseSensitive: entry.caseSensitive)
                        {
                            reader.report(element, "bad pattern: \(message)")
                        }
                    }
                }
            }
            windows[kind] = window
        }
    }

    /// Finds every cue and marker; years before the publication year become historical markers.
    func find(in context: AnalysisContext) -> CueHits {
        let document = context.document
        var result = CueHits()
        result.windows = windows
        result.againstIncident = againstIncident
        for match in cueTrie.matches(in: document) {
            let cue = cues[Int(match.payload)]
            result.hits.append(
                CueHit(first: match.first, last: match.last, kind: cue.kind, weight: cue.weight, masks: cue.masks))
        }
        for match in markerTrie.matches(in: document) {
            result.markers.append(MarkerHit(first: match.first, last: match.last, kind: match.payload))
        }
        if pastYears {
            let current = context.published.map(Self.year)
            for (index, token) in document.tokens.enumerated() where token.kind == .number {
                guard let year = Self.yearValue(token, document) else { continue }
                if current.map({ year < $0 }) ?? true {
                    result.markers.append(MarkerHit(first: index, last: index, kind: .historical))
                }
            }
        }
        return result
    }

    /// The value of a four-digit year token (1900-2099), if it is one.
    static func yearValue(_ token: TextDocument.Token, _ document: TextDocument) -> Int? {
        guard token.end - token.start == 4 else { return nil }
        var value = 0
        for byte in document.bytes[Int(token.start)..<Int(token.end)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return (1900...2099).contains(value) ? value : nil
    }

    static func year(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.component(.year, from: date)
    }
}
