import Foundation

/// One alert on its way to the sinks, as the alert engine hands it over.
public struct AlertDelivery: Sendable, Equatable {
    /// The alert's fingerprint (type, key, episode start): the same alert always has the same id.
    public var id: String
    /// Position in the stream of deliveries, increasing; written into the alert log so a restart can tell what
    /// was already delivered.
    public var seq: Int64
    /// The alert record: one JSON object on one line (no newline), without `seq`.
    public var json: Data
    /// One sentence a person can read.
    public var summary: String
    /// `warning` or `high`.
    public var severity: String

    /// A delivery with every part given.
    public init(id: String, seq: Int64, json: Data, summary: String, severity: String) {
        self.id = id
        self.seq = seq
        self.json = json
        self.summary = summary
        self.severity = severity
    }

    /// The record with `"seq":N` as its first field, or nil when `json` is not one JSON object on one line.
    public func lineWithSeq() -> Data? {
        guard !json.contains(0x0A), !json.contains(0x0D) else { return nil }
        guard let open = json.firstIndex(where: { !Self.isSpace($0) }), json[open] == UInt8(ascii: "{"),
            let close = json.lastIndex(where: { !Self.isSpace($0) }), json[close] == UInt8(ascii: "}"), open < close
        else { return nil }
        let inner = json[(open + 1)..<close]
        let isEmpty = inner.allSatisfy(Self.isSpace)
        var line = Data("{\"seq\":\(seq)".utf8)
        if !isEmpty {
            line.append(UInt8(ascii: ","))
            line.append(contentsOf: inner)
        }
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }
}
