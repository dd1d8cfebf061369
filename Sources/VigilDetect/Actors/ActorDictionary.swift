import VigilCore

/// A mention of an armed group in the text.
public struct ActorMention: Sendable, Equatable {
    public var first: Int
    public var last: Int
    /// Canonical name.
    public var actor: String
}

/// The actor chosen for an incident and how the article ties it to the attack.
public struct ActorResolution: Sendable {
    public var actor: String?
    public var attribution: Detection.Attribution?
    public var evidence: [Detection.Evidence] = []
}

/// Armed groups with canonical names and aliases, compiled from `actors.yaml`.
public struct ActorDictionary: Sendable {
    /// PLACEHOLDER.
    static func compile(yaml: String, file: String, problems: inout [ConfigProblem]) -> ActorDictionary {
        ActorDictionary()
    }

    /// PLACEHOLDER.
    func find(in context: AnalysisContext) -> [ActorMention] { [] }

    /// PLACEHOLDER.
    func resolve(_ mentions: [ActorMention], in context: AnalysisContext, country: String?, anchors: [Int])
        -> ActorResolution
    {
        ActorResolution()
    }
}
