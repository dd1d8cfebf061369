import CCurl
import Foundation
import Synchronization

/// What a server answered to a POST.
public struct HTTPPostResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The start of the response body (at most `HTTPPoster.maxResponseBytes`), for error messages.
    public var body: Data

    /// A response with `status` and `body`.
    public init(status: Int, body: Data = Data()) {
        self.status = status
        self.body = body
    }
}

/// Sends one-off POST requests with libcurl's easy interface, each on a thread of its own, so a slow server never
/// holds a Swift concurrency thread. Meant for rare requests such as alert webhooks, not for bulk fetching.
///
/// No proxy is used (whatever the environment says), redirects are not followed, and only `http` and `https` are
/// allowed.
public struct HTTPPoster: Sendable {
    /// Response bytes kept for diagnostics; the rest is read and dropped.
    public static let maxResponseBytes = 4096

    /// Time allowed to connect.
    public var connectTimeout: TimeInterval
    /// `User-Agent` header value.
    public var userAgent: String

    /// A poster with the given connect timeout and user agent.
    public init(connectTimeout: TimeInterval = 10, userAgent: String = "Vigil/0.1 (alert webhook)") {
        CurlRuntime.initialize()
        self.connectTimeout = connectTimeout
        self.userAgent = userAgent
    }

    /// POSTs `body` to `url` with `headers`, allowing `timeout` seconds for the whole exchange. Any HTTP status is
    /// a response; only transport failures (and cancellation of the calling task) throw.
    public func post(url: String, body: Data, headers: [String: String], timeout: TimeInterval)
        async throws(FetchError) -> HTTPPostResponse
    {
        let cancelled = CancelFlag()
        let request = PostRequest(
            url: url, body: body, headers: headers, timeout: timeout, connectTimeout: connectTimeout,
            userAgent: userAgent)
        let result: Result<HTTPPostResponse, FetchError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: PostExchange(request: request, cancelled: cancelled).perform())
                }
                thread.name = "vigil-http-post"
                thread.start()
            }
        } onCancel: {
            cancelled.raise()
        }
        return try result.get()
    }
}

/// Set by the calling task when it is cancelled; read by libcurl's progress callback on the posting thread.
private final class CancelFlag: Sendable {
    private let value = Atomic(false)
    func raise() { value.store(true, ordering: .releasing) }
    var isRaised: Bool { value.load(ordering: .acquiring) }
}

private struct PostRequest: Sendable {
    var url: String
    var body: Data
    var headers: [String: String]
    var timeout: TimeInterval
    var connectTimeout: TimeInterval
    var userAgent: String
}

/// One POST as its thread sees it: the easy handle and what the callbacks received. Confined to that thread.
private final class PostExchange {
    let request: PostRequest
    let cancelled: CancelFlag
    var received = Data()

    init(request: PostRequest, cancelled: CancelFlag) {
        self.request = request
        self.cancelled = cancelled
    }

    func perform() -> Result<HTTPPostResponse, FetchError> {
        let url = request.url
        guard let easy = curl_easy_init() else {
            return .failure(FetchError(.other, url: url, message: "could not create a curl handle"))
        }
        defer { curl_easy_cleanup(easy) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        var lines = request.headers.map { "\($0.key): \($0.value)" }
        lines.append("Expect:")  // no 100-continue round trip
        for line in lines { headerList = curl_slist_append(headerList, line) }
        defer { curl_slist_free_all(headerList) }

        var failures: [String] = []
        func check(_ code: CURLcode, _ option: String) {
            if code != CURLE_OK { failures.append("\(option): \(String(cString: curl_easy_strerror(code)))") }
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        check(vigil_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        check(vigil_easy_setopt_string(easy, CURLOPT_URL, url), "URL")
        check(vigil_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        check(vigil_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        check(vigil_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0), "FOLLOWLOCATION")
        check(vigil_easy_setopt_string(easy, CURLOPT_PROXY, ""), "PROXY")
        check(
            vigil_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout)),
            "CONNECTTIMEOUT_MS")
        check(vigil_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)), "TIMEOUT_MS")
        check(vigil_easy_setopt_string(easy, CURLOPT_USERAGENT, request.userAgent), "USERAGENT")
        check(vigil_easy_setopt_long(easy, CURLOPT_POST, 1), "POST")
        check(vigil_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)), "POSTSIZE")
        // COPYPOSTFIELDS copies POSTFIELDSIZE bytes, so the Data's storage need not outlive this call.
        request.body.withUnsafeBytes { bytes in
            var empty: UInt8 = 0
            let pointer =
                bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } ?? UnsafeMutableRawPointer(&empty)
            check(vigil_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, pointer), "COPYPOSTFIELDS")
        }
        check(vigil_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
        check(vigil_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "WRITEDATA")
        check(
            vigil_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                let bytes = size * count
                guard let context else { return bytes }
                let exchange = Unmanaged<PostExchange>.fromOpaque(context).takeUnretainedValue()
                let room = HTTPPoster.maxResponseBytes - exchange.received.count
                if room > 0, let data {
                    exchange.received.append(
                        UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: min(room, bytes))
                }
                return bytes
            }, "WRITEFUNCTION")
        check(vigil_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0), "NOPROGRESS")
        check(vigil_easy_setopt_pointer(easy, CURLOPT_XFERINFODATA, me), "XFERINFODATA")
        check(
            vigil_easy_setopt_xferinfo(easy) { context, _, _, _, _ in
                guard let context else { return 0 }
                return Unmanaged<PostExchange>.fromOpaque(context).takeUnretainedValue().cancelled.isRaised ? 1 : 0
            }, "XFERINFOFUNCTION")
        guard failures.isEmpty else {
            return .failure(
                FetchError(.other, url: url, message: "libcurl refused options: \(failures.joined(separator: "; "))"))
        }
        if cancelled.isRaised { return .failure(.cancelled(url: url)) }

        let code = curl_easy_perform(easy)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            return .failure(FetchError(Self.errorCode(code), url: url, message: message, curlCode: Int(code.rawValue)))
        }
        var status = 0
        _ = vigil_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPPostResponse(status: status, body: received))
    }

    private static func errorCode(_ code: CURLcode) -> FetchError.Code {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_CONNECT: .connectFailed
        case CURLE_COULDNT_RESOLVE_HOST: .dnsFailed
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        case CURLE_UNSUPPORTED_PROTOCOL: .disallowedScheme
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            .tls
        default: .other
        }
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }
}
