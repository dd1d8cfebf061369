import CCurl

/// Process-wide libcurl setup.
public enum CurlRuntime {
    private static let initialized: Int = Int(vigil_global_init_default().rawValue)

    /// Runs `curl_global_init` once. Call it from `main` before other threads start; `Fetcher` also calls it,
    /// which is safe on this libcurl (built thread-safe) when `main` did not.
    public static func initialize() {
        _ = initialized
    }
}
