import CLibXML2

/// One-time libxml2 set-up shared by every parser in VigilParse.
public enum XMLRuntime {
    /// Initialises libxml2 and installs the entity loader that refuses every external resource, so no DTD or
    /// external entity is ever read from disk or network. Idempotent and thread-safe; parsers call it lazily,
    /// and `main` may call it early, before any thread starts.
    public static func initialize() {
        _ = setUp
    }

    /// Swift runs a static initialiser exactly once, under a lock: that is the once-only guard.
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
        vigil_silenceGenericErrors()
        xmlThrDefSetStructuredErrorFunc(nil, ignoreStructuredError)
    }()

    /// Silences libxml2's fallback error channels on the calling thread. libxml2 keeps them per thread, and
    /// errors raised outside a parser context (encoding conversion, URI helpers) would otherwise reach stderr.
    static func silenceThreadErrors() {
        vigil_silenceThreadGenericErrors()
        xmlSetStructuredErrorFunc(nil, ignoreStructuredError)
    }
}

/// The external-entity loader: refuses every URL (files, network, catalogs).
private let refuseExternalEntity: xmlExternalEntityLoader = { _, _, _ in nil }

/// Drops a structured error raised outside any parser context.
private let ignoreStructuredError: xmlStructuredErrorFunc = { _, _ in }
