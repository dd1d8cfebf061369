import ArgumentParser
import Foundation
import VigilCore
import VigilDetect
import VigilService

/// Options for commands that run the detector.
struct DetectorOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Folder with taxonomy.yaml, cues.yaml, actors.yaml and gazetteer.tsv (default: searched).",
            valueName: "folder"))
    var dataDir: String?

    /// The compiled detector, or a failure listing every problem.
    func loadDetector() throws -> Detector {
        do {
            let folder = try DetectorLoader.findFolder(dataDir)
            return try DetectorLoader.load(folder: folder)
        } catch let error as DetectorLoader.LoadError {
            throw CommandFailure(message: error.problems.map { "vigil: \($0)" }.joined(separator: "\n"))
        }
    }
}

/// Reads every input (a file path or `-` for stdin), with a limit.
func readInput(_ path: String, limit: Int = 64 << 20) throws -> Data {
    let file = path == "-" ? "/dev/stdin" : path
    guard let handle = FileHandle(forReadingAtPath: file) else {
        throw CommandFailure(message: "vigil: \(path): cannot read the file")
    }
    defer { try? handle.close() }
    let data = try handle.read(upToCount: limit + 1) ?? Data()
    if data.count > limit { throw CommandFailure(message: "vigil: \(path): larger than \(limit) bytes") }
    return data
}

/// `vigil analyze`: detection results as JSON Lines.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Detect security incidents in articles; one JSON object per article, in input order.",
        discussion: """
            Inputs are JSON Lines of articles ({"id","title","text","published","url"}), or plain-text, HTML and
            feed files; '-' or no path reads stdin. With --cluster, incidents also carry an 'incident' id shared
            by the articles that report the same incident, merged in input order across all paths (the same
            IncidentClusterer the daemon uses).

            Examples:
              vigil analyze articles.jsonl
              echo '{"id":"a","title":"...","text":"..."}' | vigil analyze
              vigil analyze --cluster page.html feed.xml
            """)

    @OptionGroup var detectorOptions: DetectorOptions

    @Flag(help: "Give each incident an id shared by the articles that report the same incident.")
    var cluster = false

    @Argument(help: ArgumentHelp("JSON Lines, text, HTML or feed files; '-' for stdin.", valueName: "path"))
    var paths: [String] = []

    func run() async throws {
        let detector = try detectorOptions.loadDetector()
        var problems: [String] = []
        var clusterer = IncidentClusterer()
        for path in paths.isEmpty ? ["-"] : paths {
            let data = try readInput(path)
            let (articles, readProblems) = ArticleReader.articles(from: data, source: path)
            problems += readProblems.map { "vigil: \($0)" }
            var output = ""
            for article in articles {
                var detection = detector.analyze(article)
                if cluster, detection.isIncident {
                    // Articles without an id get one from their content, so a repeated input is one report.
                    let id = article.id ?? "a-" + ContentHash.of([article.title, article.text]).prefix(16)
                    let report = IncidentReport(
                        id: id, published: article.published, detection: detection,
                        document: TextDocument(title: article.title, body: article.text))
                    detection.incident = clusterer.add(report).incidentID
                }
                output += detection.json.serialized() + "\n"
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }
        if !problems.isEmpty { throw CommandFailure(message: problems.joined(separator: "\n")) }
    }
}
