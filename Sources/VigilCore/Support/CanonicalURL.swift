import Foundation

/// URL normalisation for identity: two spellings of one address compare equal after it.
public enum CanonicalURL {
    /// Query parameters that only track campaigns and never select content.
    static let trackingParameters: Set<String> = [
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "utm_name",
        "fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_medium", "at_campaign",
    ]

    /// Lower-cases scheme and host, drops default ports, the fragment and tracking parameters, and gives an
    /// empty path as `/`. Returns nil for strings that are not absolute http(s) URLs.
    public static func normalize(_ string: String) -> String? {
        let trimmed = string.trimmed
        guard var components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        components.fragment = nil
        if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        if let items = components.queryItems {
            let kept = items.filter { !trackingParameters.contains($0.name.lowercased()) }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string
    }

    /// Whether the string is an absolute URL with an http or https scheme and a host.
    public static func isHTTP(_ string: String) -> Bool {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
