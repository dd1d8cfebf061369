import ArgumentParser
import Foundation
import VigilCore
import VigilDetect
import VigilService

/// `vigil eval`: scores the detector against labelled articles.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score incident detection against a labelled JSON Lines file (the shared corpus format).",
        discussion: """
            Prints incident precision, recall and F1; accuracy of event type, actor, attribution, country, place,
            killed, wounded and suicide on true positives; roundup figures; and throughput on one core.

            Example:
              vigil eval ../shared/corpus/articles.jsonl --verbose
            """)

    @OptionGroup var detectorOptions: DetectorOptions

    @Flag(help: "List every mismatch.")
    var verbose = false

    @Option(help: ArgumentHelp("Analyse the set this many times for the throughput figure.", valueName: "n"))
    var rounds: Int = 20

    @Argument(help: ArgumentHelp("Labelled JSON Lines file.", valueName: "path"))
    var path: String

    func run() async throws {
        let detector = try detectorOptions.loadDetector()
        let (articles, problems) = ArticleReader.labelled(from: try readInput(path), source: path)
        for problem in problems { FileHandle.standardError.write(Data("vigil: \(problem)\n".utf8)) }
        guard !articles.isEmpty else { throw CommandFailure(message: "vigil: \(path): no labelled articles") }
        var evaluation = Evaluation()
        for article in articles {
            evaluation.add(article, detector.analyze(article.input))
        }
        // Throughput: analysis only, on this thread (one core), repeated for a stable figure.
        let bytes = articles.reduce(0) { $0 + ($1.input.title?.utf8.count ?? 0) + $1.input.text.utf8.count }
        let rounds = max(1, self.rounds)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for article in articles { _ = detector.analyze(article.input) }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perSecond = Double(articles.count * rounds) / seconds
        let megabytes = Double(bytes * rounds) / 1e6 / seconds

        func line(_ name: String, _ tally: Evaluation.Tally) -> String {
            tally.total == 0
                ? "  \(name): n/a" : "  \(name): \(format(tally.rate)) (\(tally.right)/\(tally.total))"
        }
        var out = "\(articles.count) articles, \(articles.filter(\.isIncident).count) incidents\n"
        out += "incidents: precision \(format(evaluation.precision)), recall \(format(evaluation.recall)), "
        out += "F1 \(format(evaluation.f1)) (TP \(evaluation.truePositives), FP \(evaluation.falsePositives), "
        out += "FN \(evaluation.falseNegatives), TN \(evaluation.trueNegatives))\n"
        out += line("kind", evaluation.kind) + "\n"
        out += "on true positives:\n"
        out +=
            [
                line("event_type", evaluation.eventType), line("actor", evaluation.actor),
                line("actor claimed", evaluation.attribution), line("country", evaluation.country),
                line("place", evaluation.place), line("killed exact", evaluation.killed),
                line("wounded exact", evaluation.wounded), line("suicide", evaluation.suicide),
            ].joined(separator: "\n") + "\n"
        out += "roundups:\n"
        out +=
            [
                line("found", evaluation.roundupFound), line("count exact", evaluation.roundupCount),
                line("previous count exact", evaluation.roundupPrevious),
                line("periods exact", evaluation.roundupPeriods),
            ].joined(separator: "\n") + "\n"
        out += "throughput: \(Int(perSecond)) articles/s, \(format(megabytes)) MB/s on one core "
        out += "(mean article \(bytes / articles.count) bytes, \(rounds) rounds)\n"
        if verbose, !evaluation.mismatches.isEmpty {
            out += "mismatches:\n" + evaluation.mismatches.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        print(out, terminator: "")
    }

    private func format(_ value: Double) -> String {
        value.isNaN ? "n/a" : String(format: "%.3f", value)
    }
}
