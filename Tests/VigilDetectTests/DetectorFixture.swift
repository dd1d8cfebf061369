import Foundation
import Testing
import VigilCore

@testable import VigilDetect

/// The detector compiled from the repository's data files (`config/detect`), shared by the suites.
enum DetectorFixture {
    /// `config/detect` of this checkout.
    static let dataFolder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/detect")

    static func source(_ name: String) -> (name: String, text: String) {
        let url = dataFolder.appendingPathComponent(name)
        return (name, (try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }

    static let sources = DetectorSources(
        taxonomy: source("taxonomy.yaml"), cues: source("cues.yaml"), actors: source("actors.yaml"),
        gazetteer: source("gazetteer.tsv"))

    /// Compiled once; a data-file problem fails every test that uses it.
    static let detector: Detector? = try? Detector(sources: sources)

    static let published = ISO8601DateFormatter().date(from: "2023-06-15T12:00:00Z")

    /// Analyses a short article published on 2023-06-15.
    static func analyze(_ title: String, _ body: String, published: Date? = DetectorFixture.published) -> Detection {
        guard let detector else {
            Issue.record("the data files in config/detect do not compile")
            return Detection()
        }
        return detector.analyze(DetectorInput(id: "t", title: title, text: body, published: published))
    }

    /// The compile problems of one data file's text (the others are the repository's).
    static func problems(taxonomy: String? = nil, cues: String? = nil, actors: String? = nil) -> [String] {
        var sources = self.sources
        if let taxonomy { sources.taxonomy = ("taxonomy.yaml", taxonomy) }
        if let cues { sources.cues = ("cues.yaml", cues) }
        if let actors { sources.actors = ("actors.yaml", actors) }
        do {
            _ = try Detector(sources: sources)
            return []
        } catch let error as DetectorDataError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// Context for calling a stage directly.
    static func context(_ title: String, _ body: String) -> AnalysisContext {
        AnalysisContext(document: TextDocument(title: title, body: body), published: published)
    }
}
