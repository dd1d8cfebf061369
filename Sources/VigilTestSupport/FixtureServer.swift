import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A real HTTP/1.1 server on 127.0.0.1 for tests: routes and served folders that can change while it runs,
/// validators and 304s, gzip, redirects, any status, huge, slow and hostile bodies, and a log of what it received.
///
/// ```swift
/// let server = try await FixtureServer.start()
/// server.setRoute("/feed.xml", .xml(rss, compression: .gzip))
/// let url = server.url("/feed.xml")
/// await server.stop()
/// ```
public final class FixtureServer: Sendable {
    /// Computes a response for each request on a route.
    public typealias Handler = @Sendable (FixtureRequest) -> FixtureResponse

    /// The port the server listens on.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public let baseURL: String

    private let routes: FixtureRoutes
    private let task: Task<Void, any Error>
    /// Runs the server; stopping shuts it down gracefully, so that connections in flight end their writers (a
    /// cancelled Hummingbird connection can trap on an unfinished writer).
    private let group: ServiceGroup

    private init(port: Int, routes: FixtureRoutes, task: Task<Void, any Error>, group: ServiceGroup) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.routes = routes
        self.task = task
        self.group = group
    }

    deinit {
        let group = self.group
        let task = self.task
        Task {
            await group.triggerGracefulShutdown()
            try? await Task.sleep(for: .seconds(10))
            task.cancel()
        }
    }

    /// Starts a server on 127.0.0.1 on a free port and returns once it accepts connections.
    public static func start() async throws -> FixtureServer {
        let routes = FixtureRoutes()
        var logger = Logger(label: "vigil.test.fixture-server")
        logger.logLevel = .critical
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                await Self.respond(to: request, routes: routes)
            },
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: app)], gracefulShutdownSignals: [], cancellationSignals: [],
                logger: logger))
        let task = Task {
            defer { portSink.finish() }
            try await group.run()
        }
        var bound: Int?
        for await port in ports {
            bound = port
            break
        }
        guard let port = bound, port > 0 else {
            task.cancel()
            if case .failure(let error) = await task.result { throw error }
            throw FixtureServerError(message: "the fixture server did not start")
        }
        return FixtureServer(port: port, routes: routes, task: task, group: group)
    }

    /// Stops the server: no new connections, open ones end (after 10 s they are dropped). Safe to call more than
    /// once.
    public func stop() async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let deadline = Task {
            try? await Task.sleep(for: .seconds(10))
            task.cancel()
        }
        _ = await task.result
        deadline.cancel()
    }

    /// The absolute URL of `path` on this server (`path` may omit the leading `/`).
    public func url(_ path: String) -> String {
        path.hasPrefix("/") ? baseURL + path : "\(baseURL)/\(path)"
    }

    // MARK: - Content

    /// Answers `path` with `response`; replaces the previous route, so a feed can change between polls.
    public func setRoute(_ path: String, _ response: FixtureResponse) {
        routes.set(path, response)
    }

    /// Answers `path` with what `handler` returns for each request (it sees method, path, query and headers).
    public func setHandler(_ path: String, _ handler: @escaping Handler) {
        routes.set(path, handler: handler)
    }

    /// Answers every path starting with `prefix` that has no exact route with what `handler` returns.
    public func setPrefixHandler(_ prefix: String, _ handler: @escaping Handler) {
        routes.set(prefix: prefix, handler: handler)
    }

    /// Removes the exact or prefix route at `path`.
    public func removeRoute(_ path: String) {
        routes.remove(path)
    }

    /// Serves the files in folder `path` at URLs starting with `prefix` (`/feeds/` serves `path/a.xml` as
    /// `/feeds/a.xml`), with `Last-Modified` from the file's modification time.
    public func serveDirectory(
        _ path: String, at prefix: String = "/", compression: FixtureResponse.Compression = .none
    ) {
        routes.serve(folder: path, at: prefix.hasSuffix("/") ? prefix : prefix + "/", compression: compression)
    }

    // MARK: - Request log

    /// How many requests arrived for `path` since start or `resetLog()`.
    public func requestCount(_ path: String) -> Int {
        routes.withLog { $0.requests[path]?.count ?? 0 }
    }

    /// The requests that arrived for `path`, oldest first.
    public func requests(_ path: String) -> [FixtureRequest] {
        routes.withLog { $0.requests[path] ?? [] }
    }

    /// How many requests arrived in total.
    public var totalRequestCount: Int {
        routes.withLog { $0.total }
    }

    /// Requests being answered now.
    public var inFlightCount: Int {
        routes.withLog { $0.inFlight }
    }

    /// The most requests answered at the same time (from arrival until the last body byte was written).
    public var maxInFlight: Int {
        routes.withLog { $0.maxInFlight }
    }

    /// Forgets logged requests and the in-flight maximum.
    public func resetLog() {
        routes.resetLog()
    }
}

/// The fixture server could not start.
public struct FixtureServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}
