import Foundation
import Testing
import VigilCore

@testable import VigilParse

/// Runs the metadata extractor over the shared extraction dev set when `VIGIL_EXTRACTION_DATASET` names its folder
/// (skipped otherwise): writes one line per page to `VIGIL_METADATA_OUT` (default `.bench/extract/metadata.jsonl`)
/// with the title, author and dates (publication date also in the page's own zone), and prints the metadata stage's
/// mean cost per page. Build in release with `-Xswiftc -enable-testing` for meaningful timings.
@Suite struct PageMetadataDatasetTests {
    static let dataset = ProcessInfo.processInfo.environment["VIGIL_EXTRACTION_DATASET"]

    @Test(.enabled(if: dataset != nil))
    func runsOverDevSet() throws {
        let root = URL(fileURLWithPath: try #require(Self.dataset))
        let cases = try String(contentsOf: root.appendingPathComponent("cases.jsonl"), encoding: .utf8)
            .split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        var pages: [(id: String, url: String?, input: HTMLInput, tree: HTMLTree)] = []
        for entry in cases {
            guard let id = entry["id"] as? String, let file = entry["file"] as? String else { continue }
            let data = try Data(contentsOf: root.appendingPathComponent(file))
            let input = HTMLInput(data, contentType: nil)
            pages.append((id, entry["url"] as? String, input, HTMLTreeBuilder.build(input.bytes)))
        }
        let rounds = Int(ProcessInfo.processInfo.environment["VIGIL_METADATA_ROUNDS"] ?? "") ?? 5
        var results: [PageMetadata] = []
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                results = pages.map { PageMetadata.extract(tree: $0.tree, jsonLD: $0.input.jsonLD, url: $0.url) }
            }
        }
        let perPage = elapsed / (rounds * max(1, pages.count))
        print("metadata stage: \(pages.count) pages × \(rounds) rounds, \(perPage) per page")

        var lines = ""
        for (page, metadata) in zip(pages, results) {
            var published: JSONValue = .null
            if let date = metadata.published {
                let shifted = date.addingTimeInterval(TimeInterval(metadata.publishedUTCOffset ?? 0))
                published = .string(String(FeedDate.rfc3339(shifted).prefix(10)))
            }
            let line = JSONValue.object([
                ("id", .string(page.id)), ("title", .string(metadata.title)), ("author", .string(metadata.author)),
                ("published", published), ("published_utc", .date(metadata.published)),
                ("modified", .date(metadata.modified)), ("language", .string(metadata.language)),
                ("site_name", .string(metadata.siteName)), ("canonical_url", .string(metadata.canonicalURL)),
                ("summary", .string(metadata.summary.map { String($0.prefix(80)) })),
                ("article_body_chars", .int(metadata.articleBody?.count)),
                ("problems", .array(metadata.problems.map(JSONValue.string))), ("text", .string("")),
            ])
            lines += line.serialized() + "\n"
        }
        let out = ProcessInfo.processInfo.environment["VIGIL_METADATA_OUT"] ?? ".bench/extract/metadata.jsonl"
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: out).deletingLastPathComponent(), withIntermediateDirectories: true)
        try lines.write(toFile: out, atomically: true, encoding: .utf8)
        #expect(results.count == pages.count)
    }
}
