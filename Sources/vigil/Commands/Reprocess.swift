import ArgumentParser
import Foundation
import VigilParse
import VigilService

/// `vigil reprocess`: re-extracts stored article pages.
struct Reprocess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-extract the article text of stored pages that an older extractor version handled.",
        discussion: """
            The daemon does this by itself at start; this command does it on demand (safe while the daemon
            runs). With --all, every stored page is extracted again.

            Example:
              vigil reprocess --config config/vigil.yaml
            """)

    @OptionGroup var options: CommonOptions

    @Flag(help: "Re-extract every stored page, not only those from an older extractor version.")
    var all = false

    func run() async throws {
        var count = 0
        try await options.withPipeline(detect: false) { _, pipeline in
            count = try await pipeline.articles.reprocess(all: all)
        }
        let line =
            "re-extracted \(count) page\(count == 1 ? "" : "s") with extractor version \(ArticleExtractor.version)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
