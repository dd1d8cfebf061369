import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

extension FixtureServer {
    /// Turns a Hummingbird request into the fixture response for it, logging it as in flight until its body is sent.
    static func respond(to request: Request, routes: FixtureRoutes) async -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let body = (try? await request.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
        let fixtureRequest = FixtureRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers,
            body: body)
        routes.enter(fixtureRequest)
        let token = InFlightToken(routes: routes)

        guard let (response, lastModified) = routes.resolve(fixtureRequest) else {
            return make(.status(404, body: "not found\n"), lastModified: Date(), for: fixtureRequest, token: token)
        }
        if response.delay > .zero {
            // Cancelled only when the server stops; the answer then goes nowhere anyway.
            try? await Task.sleep(for: response.delay)
        }
        return make(response, lastModified: lastModified, for: fixtureRequest, token: token)
    }

    private static func make(
        _ fixture: FixtureResponse, lastModified: Date, for request: FixtureRequest, token: InFlightToken
    ) -> Response {
        var status = fixture.status
        var headers = HeaderList(fixture.headers)
        var body = fixture.body

        if case .data(let data) = body, fixture.validators, status == 200 {
            let etag = headers["etag"] ?? "\"\(fnv1a(data))\""
            let modified = headers["last-modified"] ?? HTTPDate.string(lastModified)
            headers.setIfAbsent("ETag", etag)
            headers.setIfAbsent("Last-Modified", modified)
            if isNotModified(request, etag: etag, lastModified: HTTPDate.parse(modified) ?? lastModified) {
                status = 304
                body = .data(Data())
                headers.remove("content-type")
            }
        }
        if case .data(let data) = body, status != 304, !data.isEmpty, wantsGzip(fixture.compression, request) {
            body = .data(Gzip.compress(data))
            headers.setIfAbsent("Content-Encoding", "gzip")
            headers.setIfAbsent("Vary", "Accept-Encoding")
        }

        var fields = HTTPFields()
        for (name, value) in headers.pairs {
            guard let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: fields, body: responseBody(body, token: token))
    }

    private static func responseBody(_ body: FixtureResponse.Body, token: InFlightToken) -> ResponseBody {
        switch body {
        case .data(let data):
            return ResponseBody(contentLength: data.count) { writer in
                defer { token.finish() }
                if !data.isEmpty { try await writer.write(ByteBuffer(bytes: data)) }
                try await writer.finish(nil)
            }
        case .generated(let byteCount, let declareLength):
            return ResponseBody(contentLength: declareLength ? byteCount : nil) { writer in
                defer { token.finish() }
                let line = Array("vigil fixture filler line, generated on the fly\n".utf8)
                var chunk = ByteBuffer()
                while chunk.readableBytes < 64 * 1024 { chunk.writeBytes(line) }
                var left = byteCount
                while left > 0 {
                    let size = min(left, chunk.readableBytes)
                    try await writer.write(chunk.getSlice(at: chunk.readerIndex, length: size) ?? chunk)
                    left -= size
                }
                try await writer.finish(nil)
            }
        case .drip(let piece, let count, let interval):
            return ResponseBody(contentLength: piece.count * count) { writer in
                defer { token.finish() }
                for index in 0..<count {
                    if index > 0 { try await Task.sleep(for: interval) }
                    try await writer.write(ByteBuffer(bytes: piece))
                }
                try await writer.finish(nil)
            }
        }
    }

    private static func wantsGzip(_ compression: FixtureResponse.Compression, _ request: FixtureRequest) -> Bool {
        switch compression {
        case .none: false
        case .gzipAlways: true
        case .gzip: (request.header("accept-encoding") ?? "").lowercased().contains("gzip")
        }
    }

    private static func isNotModified(_ request: FixtureRequest, etag: String, lastModified: Date) -> Bool {
        if let condition = request.header("if-none-match") {
            let wanted = bareTag(Substring(etag))
            return condition.split(separator: ",").contains { bareTag($0) == "*" || bareTag($0) == wanted }
        }
        if let since = request.header("if-modified-since").flatMap(HTTPDate.parse) {
            return lastModified <= since
        }
        return false
    }

    /// An entity tag without whitespace or the weak marker, for weak comparison.
    private static func bareTag(_ tag: Substring) -> String {
        let trimmed = tag.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
    }

    private static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Response headers with case-insensitive names, kept in the order set.
private struct HeaderList {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ headers: [String: String]) {
        pairs = headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    subscript(name: String) -> String? {
        pairs.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    mutating func setIfAbsent(_ name: String, _ value: String) {
        if self[name] == nil { pairs.append((name, value)) }
    }

    mutating func remove(_ name: String) {
        pairs.removeAll { $0.name.lowercased() == name.lowercased() }
    }
}

/// Keeps a request counted as in flight until its body was written, or until the response is dropped unsent.
final class InFlightToken: Sendable {
    private let routes: FixtureRoutes
    private let finished = Atomic(false)

    init(routes: FixtureRoutes) {
        self.routes = routes
    }

    deinit {
        finish()
    }

    /// Marks the request answered; later calls do nothing.
    func finish() {
        if !finished.exchange(true, ordering: .acquiringAndReleasing) { routes.leave() }
    }
}
