import Foundation
import VigilCore
import VigilDetect

/// Finds and compiles the detector's data files (`taxonomy.yaml`, `cues.yaml`, `actors.yaml`, `gazetteer.tsv`).
public enum DetectorLoader {
    /// The data folder could not be found or read, or its files do not compile.
    public struct LoadError: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// Folders searched, in order, when no folder is given: `$VIGIL_DATA_DIR`, `config/detect` under the working
    /// folder, `../share/vigil/detect` beside the executable, `/etc/vigil/detect`, `/usr/local/share/vigil/detect`.
    public static func defaultFolders() -> [String] {
        var folders: [String] = []
        if let env = ProcessInfo.processInfo.environment["VIGIL_DATA_DIR"] { folders.append(env) }
        folders.append(FileManager.default.currentDirectoryPath + "/config/detect")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        folders.append(
            executable.deletingLastPathComponent().appendingPathComponent("../share/vigil/detect").standardized.path)
        folders.append("/etc/vigil/detect")
        folders.append("/usr/local/share/vigil/detect")
        return folders
    }

    /// The first folder that holds `taxonomy.yaml`.
    public static func findFolder(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        for folder in defaultFolders() where FileManager.default.fileExists(atPath: folder + "/taxonomy.yaml") {
            return folder
        }
        throw LoadError(problems: [
            "no detector data folder found (looked in \(defaultFolders().joined(separator: ", "))); "
                + "give one with --data-dir or VIGIL_DATA_DIR"
        ])
    }

    /// Reads and compiles the data files in `folder`.
    public static func load(folder: String) throws -> Detector {
        var texts: [String: (String, String)] = [:]
        var problems: [String] = []
        for name in DetectorSources.fileNames {
            let path = (folder as NSString).appendingPathComponent(name)
            let display = DisplayPath.of(path)
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(display):0: cannot read the file")
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append("\(display):0: the file is not valid UTF-8")
                continue
            }
            texts[name] = (display, text)
        }
        guard problems.isEmpty, let taxonomy = texts["taxonomy.yaml"], let cues = texts["cues.yaml"],
            let actors = texts["actors.yaml"], let gazetteer = texts["gazetteer.tsv"]
        else { throw LoadError(problems: problems) }
        do {
            return try Detector(
                sources: DetectorSources(
                    taxonomy: (taxonomy.0, taxonomy.1), cues: (cues.0, cues.1), actors: (actors.0, actors.1),
                    gazetteer: (gazetteer.0, gazetteer.1)))
        } catch let error as DetectorDataError {
            throw LoadError(problems: error.problems.map(\.description))
        }
    }
}
