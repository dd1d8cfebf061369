import Foundation
import Yams

/// Walks a composed YAML document and collects every problem with its file and line, instead of stopping at the
/// first one as `Decodable` does. Used by the config and feed-list parsers and the detector's data files.
public struct YAMLReader {
    public let file: String
    public private(set) var problems: [ConfigProblem] = []

    public init(file: String) {
        self.file = file
    }

    /// Composes the text into a node tree; a syntax error becomes a problem with its line.
    public mutating func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                report(line: mark.line, "YAML syntax error: \(problem)")
            case .reader(let problem, _, _, _):
                report(line: 0, "cannot read YAML: \(problem)")
            default:
                report(line: 0, "cannot read YAML: \(error)")
            }
        } catch {
            report(line: 0, "cannot read YAML: \(error)")
        }
        return nil
    }

    /// The line of a node (1-based), or 0 when unknown.
    public func line(_ node: Node?) -> Int { node?.mark?.line ?? 0 }

    public func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 0)
    }

    public mutating func report(_ node: Node?, _ message: String) {
        problems.append(ConfigProblem(location(node), message))
    }

    public mutating func report(line: Int, _ message: String) {
        problems.append(ConfigProblem(SourceLocation(file: file, line: line), message))
    }

    /// The key/value pairs of a mapping, checking that every key is known and none repeats.
    public mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [(key: String, value: Node)]? {
        entries(node, what: what, allowed: allowed).map { $0.map { ($0.key, $0.value) } }
    }

    /// The entries of a mapping with their key nodes (for line numbers), checking that keys are strings, known
    /// (when `allowed` is given) and not repeated.
    public mutating func entries(_ node: Node, what: String, allowed: [String]? = nil)
        -> [(key: String, keyNode: Node, value: Node)]?
    {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var seen: Set<String> = []
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(keyNode, "\(what): keys must be plain strings")
                continue
            }
            if !seen.insert(key).inserted {
                report(keyNode, "duplicate key '\(key)' in \(what)")
                continue
            }
            if let allowed, !allowed.contains(key) {
                let hint = Self.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                report(keyNode, "unknown key '\(key)' in \(what)\(hint)")
                continue
            }
            pairs.append((key, keyNode, value))
        }
        return pairs
    }

    /// The elements of a sequence; a null node is an empty list.
    public mutating func sequence(_ node: Node, what: String) -> [Node]? {
        if case .sequence(let sequence) = node { return Array(sequence) }
        if node.tag == .init(.null) { return [] }
        report(node, "\(what) must be a list")
        return nil
    }

    /// `true`, `false` or `null`; `nil` (with a problem) when it is none of them.
    public mutating func optionalBool(_ node: Node, key: String) -> Bool?? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return .some(true)
        case "false", "no", "off": return .some(false)
        case "null", "~", "": return .some(nil)
        default:
            report(node, "'\(key)' must be true, false or null, not '\(node.scalar?.string ?? "a collection")'")
            return nil
        }
    }

    public mutating func string(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar, node.tag != .init(.null) else {
            report(node, "'\(key)' must be a string")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            report(node, "'\(key)' must not be empty")
            return nil
        }
        return value
    }

    public mutating func bool(_ node: Node, key: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(node, "'\(key)' must be true or false, not '\(node.scalar?.string ?? "a collection")'")
            return nil
        }
    }

    public mutating func double(_ node: Node, key: String, range: ClosedRange<Double>) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            report(node, "'\(key)' must be a number")
            return nil
        }
        guard range.contains(value) else {
            report(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(text)")
            return nil
        }
        return value
    }

    public mutating func int(_ node: Node, key: String, range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalar?.string, let value = Int(text) else {
            report(node, "'\(key)' must be a whole number")
            return nil
        }
        guard range.contains(value) else {
            report(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    public mutating func duration(_ node: Node, key: String, minimum: TimeInterval, maximum: TimeInterval)
        -> TimeInterval?
    {
        guard let text = node.scalar?.string, let seconds = DurationText.parse(text) else {
            report(node, "'\(key)': bad duration '\(node.scalar?.string ?? "")' (write e.g. 30s, 15m, 1h, 2d)")
            return nil
        }
        guard seconds >= minimum, seconds <= maximum else {
            report(
                node,
                "'\(key)' must be between \(DurationText.format(minimum)) and \(DurationText.format(maximum)), "
                    + "not \(text)")
            return nil
        }
        return seconds
    }

    public mutating func byteSize(_ node: Node, key: String, range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalar?.string, let bytes = DurationText.parseBytes(text) else {
            report(node, "'\(key)': bad size '\(node.scalar?.string ?? "")' (write e.g. 512KB, 10MB)")
            return nil
        }
        guard range.contains(bytes) else {
            report(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound) bytes, not \(text)")
            return nil
        }
        return bytes
    }

    /// A list of strings; a single string is accepted as a one-element list.
    public mutating func stringList(_ node: Node, key: String) -> [String]? {
        if let scalar = node.scalar {
            if node.tag == .init(.null) { return [] }
            return scalar.string.isEmpty ? [] : [scalar.string]
        }
        guard case .sequence(let sequence) = node else {
            report(node, "'\(key)' must be a list of strings")
            return nil
        }
        var values: [String] = []
        for element in sequence {
            guard let text = element.scalar?.string, !text.isEmpty else {
                report(element, "'\(key)' must contain only non-empty strings")
                continue
            }
            values.append(text)
        }
        return values
    }

    /// The allowed word closest to a misspelt key, when it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let d = editDistance(word, candidate)
            if d <= max(1, candidate.count / 3), d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
