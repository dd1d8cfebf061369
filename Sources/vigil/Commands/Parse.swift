import ArgumentParser
import Foundation
import VigilCore
import VigilFetch
import VigilParse

#if canImport(Glibc)
    import Glibc
#endif

/// `vigil parse`: what Vigil sees in a feed, as JSON Lines.
struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what Vigil sees in feeds and article pages, as JSON Lines.",
        discussion: """
            A feed gives a feed line, then one line per item. An HTML page gives one article line with the main
            text (paragraphs separated by a blank line) and the page's metadata. Dates are RFC 3339 UTC; absent
            fields are null; problems met while parsing are listed in the feed or article line.

            Examples:
              vigil parse feed.xml
              vigil parse https://feeds.bbci.co.uk/news/world/rss.xml | jq .title
              vigil parse page.html | jq -r .text
              vigil parse --html saved/*.html > articles.jsonl
            """)

    @Argument(help: ArgumentHelp("Feed files or http(s) URLs.", valueName: "file-or-url"))
    var inputs: [String]

    @Option(help: ArgumentHelp("Largest document accepted.", valueName: "size"))
    var maxBytes: String = "50MB"

    @Flag(help: "Read every input as an HTML article page, whatever it looks like.")
    var html = false

    @Option(
        help: ArgumentHelp("For files: the URL they were fetched from (base for relative links).", valueName: "url"))
    var url: String?

    @Option(
        help: ArgumentHelp(
            "For files: the Content-Type header they came with (its charset is used for decoding).",
            valueName: "value"))
    var contentType: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one feed file or URL") }
        if DurationText.parseBytes(maxBytes) == nil { throw ValidationError("bad --max-bytes '\(maxBytes)'") }
    }

    func run() async throws {
        let limit = DurationText.parseBytes(maxBytes) ?? 50 << 20
        var settings = PollSettings()
        settings.maxBodyBytes = limit
        // Files need no fetcher (and its transfer thread).
        let fetcher = inputs.contains { $0.contains("://") } ? Fetcher(maxConcurrent: 4, maxPerHost: 2) : nil
        defer { fetcher?.shutdown() }
        let buffer = ReadBuffer()
        var failures: [String] = []
        for input in inputs {
            do {
                let (data, context) = try await load(
                    input, fetcher: fetcher, buffer: buffer, settings: settings, limit: limit)
                var output: [UInt8]
                if html || DocumentSniffer.kind(of: data, fileName: input) == .html {
                    output = ArticleExtractor.extract(data, context: context).json(source: input).serializedUTF8()
                } else {
                    output = Array(
                        try FeedParser.parse(data, context: context).jsonLines(source: input)
                            .joined(separator: "\n").utf8)
                }
                output.append(0x0A)
                FileHandle.standardOutput.write(Data(output))
            } catch {
                failures.append("vigil: \(input): \(error)")
            }
        }
        if !failures.isEmpty { throw CommandFailure(message: failures.joined(separator: "\n")) }
    }

    /// The input's bytes and context. A file's bytes sit in `buffer`, valid until the next call.
    private func load(
        _ input: String, fetcher: Fetcher?, buffer: ReadBuffer, settings: PollSettings, limit: Int
    ) async throws -> (Data, DocumentContext) {
        if input.contains("://"), let fetcher {
            guard CanonicalURL.isHTTP(input) else { throw CommandFailure(message: "only http and https URLs") }
            let response = try await fetcher.fetch(
                FetchRequest(
                    url: input, etag: nil, lastModified: nil,
                    limits: FetchLimits(settings: settings, allowPrivateNetworks: true), accept: nil))
            guard (200..<300).contains(response.status) else {
                throw CommandFailure(message: "HTTP \(response.status)")
            }
            let context = DocumentContext(
                url: response.url, contentType: response.contentType,
                contentLocation: response.headers["content-location"],
                contentLanguage: response.headers["content-language"])
            return (response.body, context)
        }
        let data: Data
        if input != "-", let read = try buffer.read(input, limit: limit) {
            data = read
        } else {
            let path = input == "-" ? "/dev/stdin" : input
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure(message: "cannot read file")
            }
            defer { try? handle.close() }
            data = try handle.read(upToCount: limit + 1) ?? Data()
        }
        if data.count > limit { throw CommandFailure(message: "larger than \(limit) bytes (see --max-bytes)") }
        return (data, DocumentContext(url: url, contentType: contentType))
    }

}

/// One buffer for every file `vigil parse` reads: read(2) into memory that stays mapped, so that a page costs one
/// copy from the page cache and no page faults (a fresh buffer or a mapping per file costs both).
private final class ReadBuffer {
    private var storage: UnsafeMutableRawPointer?
    private var capacity = 0

    deinit { free(storage) }

    /// A regular file's bytes, in this buffer and valid until the next call (the `Data` does not own them). Nil
    /// for anything that is not a non-empty regular file (pipes, devices), which is read another way.
    func read(_ path: String, limit: Int) throws -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CommandFailure(message: "cannot read file") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else {
            return nil
        }
        let size = Int(status.st_size)
        if size > limit { throw CommandFailure(message: "larger than \(limit) bytes (see --max-bytes)") }
        if size > capacity {
            guard let grown = realloc(storage, size) else { throw CommandFailure(message: "out of memory") }
            storage = grown
            capacity = size
        }
        guard let storage else { return nil }
        var count = 0
        while count < size {
            let got = Glibc.read(descriptor, storage + count, size - count)
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw CommandFailure(message: "cannot read file") }
            if got == 0 { break }
            count += got
        }
        return Data(bytesNoCopy: storage, count: count, deallocator: .none)
    }
}
