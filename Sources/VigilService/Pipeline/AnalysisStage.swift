import Foundation
import Logging
import VigilCore
import VigilDetect

/// Runs the detector over stored items that have not been analysed (or were analysed by an older detector, or
/// whose article text changed), and stores each result. Items waiting for their page are left until the page is
/// stored or given up on, so each item is analysed once, with its best text.
public struct AnalysisStage: Sendable {
    public let store: any ItemStore
    public let detector: Detector
    public let clock: any WallClock
    public let logger: Logger

    public init(store: any ItemStore, detector: Detector, clock: any WallClock, logger: Logger) {
        self.store = store
        self.detector = detector
        self.clock = clock
        self.logger = logger
    }

    /// What one pass did.
    public struct Pass: Sendable, Equatable {
        public var analysed = 0
        public var incidents = 0
        public var roundups = 0
    }

    /// Analyses every pending item, in batches. Stops early when the task is cancelled.
    public func analysePending(batch: Int = 200) async throws -> Pass {
        var pass = Pass()
        var after: Int64 = 0
        while !Task.isCancelled {
            let items = try await store.itemsToAnalyze(olderThan: Detector.version, afterItemID: after, limit: batch)
            guard let last = items.last else { break }
            for item in items {
                let detection = detector.analyze(
                    DetectorInput(
                        id: String(item.itemID), title: item.title, text: item.text, published: item.published))
                try await store.recordDetection(
                    itemID: item.itemID, detection: detection, detectorVersion: Detector.version, at: clock.now())
                pass.analysed += 1
                switch detection.kind {
                case .incident:
                    pass.incidents += 1
                    logger.info(
                        "incident detected",
                        metadata: [
                            "item.id": "\(item.itemID)", "incident.type": "\(detection.eventType ?? "-")",
                            "incident.actor": "\(detection.actor ?? "-")",
                            "incident.country": "\(detection.country ?? "-")",
                            "incident.place": "\(detection.place ?? "-")",
                            "incident.killed": "\(detection.killed.map { String($0.value) } ?? "-")",
                            "item.title": "\(item.title ?? "")",
                        ])
                case .roundup:
                    pass.roundups += 1
                    logger.info(
                        "roundup detected",
                        metadata: ["item.id": "\(item.itemID)", "item.title": "\(item.title ?? "")"])
                default:
                    break
                }
            }
            after = last.itemID
        }
        return pass
    }
}
