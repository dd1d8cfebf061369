import Foundation
import VigilAlerts
import VigilCore

/// Incident counts per key over a period, in days or weeks, as `vigil tally` shows them (pure: built from the
/// store's rows, no I/O).
public struct TallyReport: Sendable, Equatable {
    /// One key's counts.
    public struct Line: Sendable, Equatable {
        public var actor: String?
        public var country: String?
        public var eventType: String?
        public var total: Int
        /// Counts per bucket (day or week), oldest first, one per bucket of the period.
        public var buckets: [Int]
    }

    /// Days since 1970-01-01 of the first and last day counted.
    public let fromDay: Int
    public let throughDay: Int
    /// 1 for daily buckets, 7 for weekly ones.
    public let bucketDays: Int
    public let dimensions: TallyDimensions
    /// Keys, most incidents first.
    public let lines: [Line]

    /// Groups the store's rows by key; weekly buckets end on `throughDay`.
    public init(rows: [TallyRow], dimensions: TallyDimensions, fromDay: Int, throughDay: Int, weekly: Bool) {
        self.fromDay = fromDay
        self.throughDay = throughDay
        self.bucketDays = weekly ? 7 : 1
        self.dimensions = dimensions
        let bucketCount = max(1, (throughDay - fromDay) / bucketDays + 1)
        struct Key: Hashable {
            var actor: String?
            var country: String?
            var eventType: String?
        }
        var byKey: [Key: [Int]] = [:]
        var order: [Key] = []
        for row in rows where row.day >= fromDay && row.day <= throughDay {
            let key = Key(actor: row.actor, country: row.country, eventType: row.eventType)
            if byKey[key] == nil {
                byKey[key] = Array(repeating: 0, count: bucketCount)
                order.append(key)
            }
            // Buckets are counted back from the last day, so the newest bucket is always whole.
            let bucket = bucketCount - 1 - (throughDay - row.day) / bucketDays
            if bucket >= 0 { byKey[key]?[bucket] += row.count }
        }
        lines = order.map { key in
            let buckets = byKey[key] ?? []
            return Line(
                actor: key.actor, country: key.country, eventType: key.eventType, total: buckets.reduce(0, +),
                buckets: buckets)
        }
        .sorted { a, b in
            a.total != b.total ? a.total > b.total : (a.label(dimensions) < b.label(dimensions))
        }
    }

    /// Eight levels of block characters for a count relative to the largest.
    public static func sparkline(_ counts: [Int]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = counts.max() ?? 0
        guard top > 0 else { return String(repeating: " ", count: counts.count) }
        return String(
            counts.map { count in
                count == 0 ? " " : blocks[min(blocks.count - 1, (count * blocks.count - 1) / top)]
            })
    }

    /// The report as a table; with `sparklines`, the last 12 buckets of each key drawn as blocks.
    public func table(sparklines: Bool) -> [[String]] {
        var header: [String] = []
        if dimensions.contains(.actor) { header.append("ACTOR") }
        if dimensions.contains(.country) { header.append("COUNTRY") }
        if dimensions.contains(.eventType) { header.append("TYPE") }
        header.append("INCIDENTS")
        if sparklines { header.append(bucketDays == 7 ? "LAST 12 WEEKS" : "LAST 12 DAYS") }
        var rows = [header]
        for line in lines {
            var row: [String] = []
            if dimensions.contains(.actor) { row.append(line.actor ?? "(unknown)") }
            if dimensions.contains(.country) { row.append(line.country ?? "(unknown)") }
            if dimensions.contains(.eventType) { row.append(line.eventType ?? "(unknown)") }
            row.append(String(line.total))
            if sparklines { row.append(Self.sparkline(Array(line.buckets.suffix(12)))) }
            rows.append(row)
        }
        return rows
    }

    /// One JSON object per key: the key, the total and every bucket with its first day.
    public func json() -> [JSONValue] {
        lines.map { line in
            var members: [(String, JSONValue)] = []
            if dimensions.contains(.actor) { members.append(("actor", .string(line.actor))) }
            if dimensions.contains(.country) { members.append(("country", .string(line.country))) }
            if dimensions.contains(.eventType) { members.append(("event_type", .string(line.eventType))) }
            members.append(("total", .int(line.total)))
            members.append(("from", .string(Self.isoDay(fromDay))))
            members.append(("through", .string(Self.isoDay(throughDay))))
            let firstBucketStart = throughDay - (line.buckets.count * bucketDays - 1)
            members.append(
                (
                    bucketDays == 7 ? "weeks" : "days",
                    .array(
                        line.buckets.enumerated().map { index, count in
                            .object([
                                ("start", .string(Self.isoDay(firstBucketStart + index * bucketDays))),
                                ("count", .int(count)),
                            ])
                        })
                ))
            return .object(members)
        }
    }

    /// `YYYY-MM-DD` of a day number.
    public static func isoDay(_ day: Int) -> String { DayNumber.isoDate(day) }

    /// Days since 1970-01-01 (UTC) of a time.
    public static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }
}

extension TallyReport.Line {
    func label(_ dimensions: TallyDimensions) -> String {
        [actor, country, eventType].map { $0 ?? "" }.joined(separator: "/")
    }
}
