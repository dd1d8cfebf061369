import CCurl

/// The parts of a request URL the fetcher needs before any I/O: its scheme (only http and https are fetched) and
/// the host key that per-host limits count against. Parsed by libcurl's own URL parser, so it agrees with the
/// transfer about what the URL means.
struct RequestTarget: Equatable {
    /// Lower-case scheme, `http` or `https`.
    let scheme: String
    /// Lower-case host name or address, without IPv6 brackets.
    let host: String
    /// Port, the scheme's default when the URL has none.
    let port: Int

    /// The key per-host limits count against.
    var hostKey: String { "\(host):\(port)" }

    /// Parses `url`, refusing anything but an absolute http(s) URL with a host.
    init(parsing url: String) throws(FetchError) {
        guard let handle = curl_url() else {
            throw FetchError(.other, url: url, message: "out of memory parsing the URL")
        }
        defer { curl_url_cleanup(handle) }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        let parsed = curl_url_set(handle, CURLUPART_URL, url, flags)
        guard parsed == CURLUE_OK else {
            let reason = String(cString: curl_url_strerror(parsed))
            throw FetchError(.other, url: url, message: "invalid URL: \(reason)")
        }
        let scheme = (Self.part(handle, CURLUPART_SCHEME, flags: 0) ?? "").lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw FetchError(.disallowedScheme, url: url, message: "scheme \(scheme):// refused (only http and https)")
        }
        guard let host = Self.part(handle, CURLUPART_HOST, flags: 0), !host.isEmpty else {
            throw FetchError(.other, url: url, message: "invalid URL: no host")
        }
        let port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap { Int($0) }
        self.scheme = scheme
        self.host = host.lowercased().trimmingBrackets()
        self.port = port ?? (scheme == "https" ? 443 : 80)
    }

    private static func part(_ handle: OpaquePointer, _ part: CURLUPart, flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}

extension String {
    fileprivate func trimmingBrackets() -> String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
