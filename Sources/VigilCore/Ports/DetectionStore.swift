import Foundation

/// An item ready for the detector: its best text (the extracted article when there is one, else the feed's).
public struct AnalysisItem: Sendable, Equatable {
    public var itemID: Int64
    public var title: String?
    public var text: String
    /// The article's publication time, else the item's, else when Vigil first saw it.
    public var published: Date?

    public init(itemID: Int64, title: String?, text: String, published: Date?) {
        self.itemID = itemID
        self.title = title
        self.text = text
        self.published = published
    }
}

/// The part of the store that keeps detection results. Every method is atomic.
public protocol DetectionStore: Sendable {
    /// Items to analyse: never analysed (or by a detector older than `version`, or whose article changed since),
    /// and ready — no page wanted, or the page stored or given up on. In item order, after `afterItemID`.
    func itemsToAnalyze(olderThan version: Int, afterItemID: Int64, limit: Int) async throws -> [AnalysisItem]

    /// Stores (or replaces) an item's detection with the detector version.
    func recordDetection(itemID: Int64, detection: Detection, detectorVersion: Int, at: Date) async throws

    /// The stored detection of an item, if any.
    func detection(itemID: Int64) async throws -> Detection?
}
