import CCurl
import Foundation

/// One fetch as the loop thread sees it: the caller's request and continuation, the libcurl easy handle once it
/// runs, and what the callbacks received.
///
/// Confined to the loop thread: created, configured, called back by libcurl and completed there.
final class Transfer {
    /// The id the caller's ticket uses.
    let id: UInt64
    /// What to fetch.
    let request: FetchRequest
    /// The key per-host limits count against.
    let hostKey: String

    private var continuation: CheckedContinuation<FetchResponse, any Error>?
    /// The easy handle, once `start()` made it.
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    private var body = Data()
    private var headers: [String: String] = [:]
    /// `Location` of the latest response: names the target when a redirect is refused.
    private var location: String?
    private var exceededBodyLimit = false
    /// The last address refused by the private-network check, for the error message.
    private var refusedAddress: (text: String, scope: AddressScope)?

    init(
        id: UInt64, request: FetchRequest, hostKey: String,
        continuation: CheckedContinuation<FetchResponse, any Error>
    ) {
        self.id = id
        self.request = request
        self.hostKey = hostKey
        self.continuation = continuation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        precondition(easy == nil, "transfer released with its easy handle still open")
        errorBuffer.deallocate()
    }

    /// Resumes the caller with `result`; later calls do nothing.
    func complete(_ result: Result<FetchResponse, FetchError>) {
        guard let continuation else { return }
        self.continuation = nil
        continuation.resume(with: result.mapError { $0 as any Error })
    }

    /// Makes and configures the easy handle; returns an error when libcurl refuses an option.
    func start() -> FetchError? {
        guard let easy = curl_easy_init() else {
            return FetchError(.other, url: request.url, message: "could not create a curl handle")
        }
        self.easy = easy
        let limits = request.limits
        let me = Unmanaged.passUnretained(self).toOpaque()
        var failures: [String] = []
        func check(_ code: CURLcode, _ option: String) {
            if code != CURLE_OK { failures.append("\(option): \(String(cString: curl_easy_strerror(code)))") }
        }

        check(vigil_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        check(vigil_easy_setopt_string(easy, CURLOPT_URL, request.url), "URL")
        check(vigil_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        check(vigil_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        check(vigil_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "REDIR_PROTOCOLS_STR")
        check(vigil_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1), "FOLLOWLOCATION")
        check(vigil_easy_setopt_long(easy, CURLOPT_MAXREDIRS, max(0, limits.maxRedirects)), "MAXREDIRS")
        check(vigil_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        let connectMilliseconds = Self.milliseconds(limits.connectTimeout)
        check(vigil_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, connectMilliseconds), "CONNECTTIMEOUT_MS")
        check(vigil_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(limits.timeout)), "TIMEOUT_MS")
        // Refuses early when Content-Length already says too much; the write callback enforces the cap on the
        // decompressed bytes, which this option does not see.
        check(vigil_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)), "MAXFILESIZE")
        check(vigil_easy_setopt_string(easy, CURLOPT_USERAGENT, limits.userAgent), "USERAGENT")
        // Proxies from the environment would defeat the private-address check (the socket goes to the proxy).
        check(vigil_easy_setopt_string(easy, CURLOPT_PROXY, ""), "PROXY")

        for header in requestHeaders() {
            headerList = curl_slist_append(headerList, header)
        }
        if let headerList {
            check(vigil_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
        }

        check(vigil_easy_setopt_pointer(easy, CURLOPT_PRIVATE, me), "PRIVATE")
        check(vigil_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "WRITEDATA")
        check(
            vigil_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(data, count: size * count)
            }, "WRITEFUNCTION")
        check(vigil_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), "HEADERDATA")
        check(
            vigil_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveHeader(data, count: size * count)
            }, "HEADERFUNCTION")
        if !limits.allowPrivateNetworks {
            // Checked before each socket is opened (every address tried, redirects, DNS rebinding)...
            check(vigil_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me), "OPENSOCKETDATA")
            check(
                vigil_easy_setopt_opensocket(easy) { context, _, address in
                    guard let context, let address else { return vigil_socket_bad() }
                    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                    return transfer.openPublicSocket(address)
                }, "OPENSOCKETFUNCTION")
            // ...and before each request, because a connection kept alive for a fetch that allowed private
            // networks may be reused by one that does not, without opening a socket.
            check(vigil_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, me), "PREREQDATA")
            check(
                vigil_easy_setopt_prereq(easy) { context, primaryIP, _, _, _ in
                    guard let context else { return Int32(CURL_PREREQFUNC_ABORT) }
                    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                    return transfer.allowRequest(toConnectedAddress: primaryIP.map { String(cString: $0) } ?? "")
                }, "PREREQFUNCTION")
        }

        guard failures.isEmpty else {
            return FetchError(
                .other, url: request.url, message: "curl refused options: \(failures.joined(separator: "; "))")
        }
        return nil
    }

    /// Frees the easy handle and header list. The caller has removed the handle from the multi handle first.
    func close() {
        if let easy {
            curl_easy_cleanup(easy)
            self.easy = nil
        }
        if let headerList {
            curl_slist_free_all(headerList)
            self.headerList = nil
        }
    }

    /// The outcome once libcurl reports the transfer done with `code`. Reads the handle: call before `close()`.
    func outcome(_ code: CURLcode) -> Result<FetchResponse, FetchError> {
        guard code == CURLE_OK else { return .failure(error(for: code)) }
        var status = 0
        _ = vigil_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var redirects = 0
        _ = vigil_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
        var downloaded: curl_off_t = 0
        _ = vigil_easy_getinfo_off_t(easy, CURLINFO_SIZE_DOWNLOAD_T, &downloaded)
        var total: Double = 0
        _ = vigil_easy_getinfo_double(easy, CURLINFO_TOTAL_TIME, &total)
        return .success(
            FetchResponse(
                status: status, url: effectiveURL() ?? request.url, headers: headers, body: body,
                redirectCount: redirects, wireBytes: Int(downloaded), duration: total
            ))
    }

    // MARK: - Request

    private func requestHeaders() -> [String] {
        var lines: [String] = []
        if let etag = request.etag, let value = Self.headerValue(etag) { lines.append("If-None-Match: \(value)") }
        if let date = request.lastModified, let value = Self.headerValue(date) {
            lines.append("If-Modified-Since: \(value)")
        }
        if let accept = request.accept, let value = Self.headerValue(accept) { lines.append("Accept: \(value)") }
        return lines
    }

    /// A header value safe to send: no line breaks (header injection), not empty.
    private static func headerValue(_ value: String) -> String? {
        let clean = value.filter { $0 != "\r" && $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? nil : clean
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 1 }
        return max(1, Int((seconds * 1000).rounded()))
    }

    // MARK: - Callbacks (loop thread, inside curl_multi_perform)

    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, count: Int) -> Int {
        guard count > 0, let data else { return count }
        guard body.count + count <= request.limits.maxBodyBytes else {
            exceededBodyLimit = true
            return 0
        }
        body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, count: Int) -> Int {
        guard count > 0, let data else { return count }
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new response in a redirect chain (or after 100 Continue): keep only the final one's.
            headers = [:]
            body = Data()
            location = nil
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return count }
            headers[name] = value
            if name == "location" { location = value }
        }
        return count
    }

    private func openPublicSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        var bytes = [UInt8](repeating: 0, count: 16)
        let length = Int(vigil_curl_sockaddr_ip(address, &bytes))
        guard length > 0, let scope = AddressScope.classify(bytes: bytes.prefix(length)) else {
            refusedAddress = ("a non-IP address", .reserved)
            return vigil_socket_bad()
        }
        guard scope.isPublic else {
            refusedAddress = (Self.addressText(bytes, length: length), scope)
            return vigil_socket_bad()
        }
        return vigil_open_socket(address)
    }

    private func allowRequest(toConnectedAddress address: String) -> Int32 {
        guard let scope = AddressScope.classify(address) else {
            refusedAddress = (address.isEmpty ? "an unknown address" : address, .reserved)
            return Int32(CURL_PREREQFUNC_ABORT)
        }
        guard scope.isPublic else {
            refusedAddress = (address, scope)
            return Int32(CURL_PREREQFUNC_ABORT)
        }
        return Int32(CURL_PREREQFUNC_OK)
    }

    private static func addressText(_ bytes: [UInt8], length: Int) -> String {
        var text = [CChar](repeating: 0, count: 64)
        let family = length == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &text, 64) != nil }
        return ok ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
    }

    // MARK: - Errors

    private func effectiveURL() -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard vigil_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &value) == CURLE_OK, let value else {
            return nil
        }
        return String(cString: value)
    }

    private func error(for code: CURLcode) -> FetchError {
        let limits = request.limits
        let curlCode = Int(code.rawValue)
        func make(_ kind: FetchError.Code, _ message: String) -> FetchError {
            FetchError(kind, url: request.url, message: message, curlCode: curlCode)
        }
        switch code {
        case CURLE_WRITE_ERROR where exceededBodyLimit, CURLE_FILESIZE_EXCEEDED:
            return make(.tooLarge, "body exceeds \(limits.maxBodyBytes) bytes")
        case CURLE_OPERATION_TIMEDOUT:
            var connectTime: curl_off_t = 0
            _ = vigil_easy_getinfo_off_t(easy, CURLINFO_CONNECT_TIME_T, &connectTime)
            let total = Self.milliseconds(limits.timeout)
            if connectTime == 0 {
                let connect = min(total, Self.milliseconds(limits.connectTimeout))
                return make(.timeout, "connection timed out after \(connect) ms")
            }
            return make(.timeout, "transfer timed out after \(total) ms")
        case CURLE_COULDNT_CONNECT where refusedAddress != nil, CURLE_ABORTED_BY_CALLBACK where refusedAddress != nil:
            let refused = refusedAddress ?? ("?", .reserved)
            return make(
                .privateAddress,
                "refused to connect to \(refused.text) (\(refused.scope) address; private networks not allowed)")
        case CURLE_COULDNT_CONNECT:
            return make(.connectFailed, curlMessage(code))
        case CURLE_COULDNT_RESOLVE_HOST:
            return make(.dnsFailed, curlMessage(code))
        case CURLE_UNSUPPORTED_PROTOCOL:
            if let location {
                let scheme = location.split(separator: ":", maxSplits: 1).first.map { "\($0.lowercased()):" } ?? ""
                return make(.disallowedScheme, "redirect to \(scheme)// refused (\(location))")
            }
            return make(.disallowedScheme, "scheme refused: \(curlMessage(code))")
        case CURLE_TOO_MANY_REDIRECTS:
            return make(.tooManyRedirects, "more than \(limits.maxRedirects) redirects")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT:
            return make(.tls, "TLS failed: \(curlMessage(code))")
        default:
            return make(.other, curlMessage(code))
        }
    }

    /// libcurl's detailed message for the failure, or its generic one.
    private func curlMessage(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }
}
