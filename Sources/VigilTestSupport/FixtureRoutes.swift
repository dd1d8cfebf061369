import Foundation
import Synchronization

/// The fixture server's changeable content and its request log, shared by the test and the server's handlers.
final class FixtureRoutes: Sendable {
    /// Computes a response for a request.
    typealias Handler = @Sendable (FixtureRequest) -> FixtureResponse

    private enum Source: Sendable {
        case fixed(FixtureResponse)
        case handler(Handler)
    }

    private struct Route: Sendable {
        var source: Source
        /// When the route was set, the default `Last-Modified`.
        var setAt: Date
    }

    private struct Directory: Sendable {
        var prefix: String
        var folder: String
        var compression: FixtureResponse.Compression
    }

    private struct State {
        var exact: [String: Route] = [:]
        var prefixes: [(prefix: String, route: Route)] = []
        var directories: [Directory] = []
        var log = RequestLog()
    }

    private let state = Mutex(State())

    /// Answers `path` with `response`, replacing what was there.
    func set(_ path: String, _ response: FixtureResponse) {
        let route = Route(source: .fixed(response), setAt: HTTPDate.wholeSeconds(Date()))
        state.withLock { $0.exact[path] = route }
    }

    /// Answers `path` with whatever `handler` returns for each request.
    func set(_ path: String, handler: @escaping Handler) {
        let route = Route(source: .handler(handler), setAt: HTTPDate.wholeSeconds(Date()))
        state.withLock { $0.exact[path] = route }
    }

    /// Answers every path starting with `prefix` (and no exact route) with `handler`.
    func set(prefix: String, handler: @escaping Handler) {
        let route = Route(source: .handler(handler), setAt: HTTPDate.wholeSeconds(Date()))
        state.withLock { state in
            state.prefixes.removeAll { $0.prefix == prefix }
            state.prefixes.append((prefix, route))
            state.prefixes.sort { $0.prefix.count > $1.prefix.count }
        }
    }

    /// Forgets the exact or prefix route for `path`.
    func remove(_ path: String) {
        state.withLock { state in
            state.exact[path] = nil
            state.prefixes.removeAll { $0.prefix == path }
        }
    }

    /// Serves the files under `folder` at paths starting with `prefix`.
    func serve(folder: String, at prefix: String, compression: FixtureResponse.Compression) {
        let directory = Directory(prefix: prefix, folder: folder, compression: compression)
        state.withLock { state in
            state.directories.removeAll { $0.prefix == prefix }
            state.directories.append(directory)
            state.directories.sort { $0.prefix.count > $1.prefix.count }
        }
    }

    /// The response for `request` and its default `Last-Modified`, or nil for a 404.
    func resolve(_ request: FixtureRequest) -> (response: FixtureResponse, lastModified: Date)? {
        enum Found {
            case route(Route)
            case file(Directory, String)
            case none
        }
        let found: Found = state.withLock { state in
            if let route = state.exact[request.path] { return .route(route) }
            if let match = state.prefixes.first(where: { request.path.hasPrefix($0.prefix) }) {
                return .route(match.route)
            }
            if let directory = state.directories.first(where: { request.path.hasPrefix($0.prefix) }) {
                return .file(directory, String(request.path.dropFirst(directory.prefix.count)))
            }
            return .none
        }
        switch found {
        case .route(let route):
            switch route.source {
            case .fixed(let response): return (response, response.lastModified ?? route.setAt)
            case .handler(let handler):
                let response = handler(request)
                return (response, response.lastModified ?? route.setAt)
            }
        case .file(let directory, let relative):
            return Self.file(relative, in: directory)
        case .none:
            return nil
        }
    }

    private static func file(_ relative: String, in directory: Directory) -> (FixtureResponse, Date)? {
        let parts = relative.split(separator: "/").map(String.init)
        guard !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else { return nil }
        let url = parts.reduce(URL(fileURLWithPath: directory.folder, isDirectory: true)) {
            $0.appendingPathComponent($1)
        }
        guard let data = try? Data(contentsOf: url) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let modified = HTTPDate.wholeSeconds((attributes?[.modificationDate] as? Date) ?? Date())
        var response = FixtureResponse.data(
            data, contentType: contentType(forExtension: url.pathExtension), compression: directory.compression)
        response.lastModified = modified
        return (response, modified)
    }

    private static func contentType(forExtension ext: String) -> String {
        switch ext.lowercased() {
        case "rss": "application/rss+xml; charset=utf-8"
        case "atom": "application/atom+xml; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "json": "application/json"
        case "html", "htm": "text/html; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "opml": "text/x-opml; charset=utf-8"
        case "gz": "application/gzip"
        default: "application/octet-stream"
        }
    }

    // MARK: - Request log

    /// Records an arriving request as in flight.
    func enter(_ request: FixtureRequest) {
        state.withLock { $0.log.enter(request) }
    }

    /// Records a response as sent.
    func leave() {
        state.withLock { $0.log.leave() }
    }

    /// Reads the request log.
    func withLog<T: Sendable>(_ body: (RequestLog) -> T) -> T {
        state.withLock { body($0.log) }
    }

    /// Clears the request log.
    func resetLog() {
        state.withLock { $0.log.reset() }
    }
}
