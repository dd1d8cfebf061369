import Foundation
import Yams

/// Reads the silences file: a YAML list of mappings of plain values (checked by `SilenceList.parse`).
public enum SilencesFile {
    /// The entries of `path`, or problems naming the file. A missing file is no silences.
    public static func entries(path: String) -> (entries: [[String: String]], problems: [String]) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], []) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ([], ["\(path): cannot read the file"])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            return ([], ["\(path): not valid YAML: \(error)"])
        }
        guard let node else { return ([], []) }
        guard let list = node.sequence else { return ([], ["\(path): must be a list of silences"]) }
        var entries: [[String: String]] = []
        var problems: [String] = []
        for (index, item) in list.enumerated() {
            guard let mapping = item.mapping else {
                problems.append("\(path):\(item.mark?.line ?? 0): silence \(index + 1) must be a mapping")
                continue
            }
            var entry: [String: String] = [:]
            for (key, value) in mapping {
                guard let name = key.string, let scalar = value.scalar?.string else {
                    problems.append("\(path):\(value.mark?.line ?? 0): silence \(index + 1): values must be plain")
                    continue
                }
                entry[name] = scalar
            }
            entries.append(entry)
        }
        return (entries, problems)
    }
}
