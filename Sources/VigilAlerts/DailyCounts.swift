/// A key's incidents per day, indexed by plain day numbers, with prefix sums so any window sums in O(1).
///
/// `firstDay` is where the key's history starts (the first day Vigil was counting it), not its first incident:
/// days before it are unknown, days after the last element are counted as zero.
public struct DailyCounts: Sendable, Equatable {
    /// The first day of history.
    public let firstDay: Int
    /// prefix[i] = incidents on days firstDay ..< firstDay + i.
    private let prefix: [Double]

    /// Counts for days `firstDay`, `firstDay + 1`, …; negative counts are read as 0.
    public init(_ counts: [Int], firstDay: Int = 0) {
        self.firstDay = firstDay
        var prefix = [0.0]
        prefix.reserveCapacity(counts.count + 1)
        for count in counts { prefix.append(prefix[prefix.count - 1] + Double(max(count, 0))) }
        self.prefix = prefix
    }

    /// Incidents on days `from...through`, clipped to the history; 0 for an empty range.
    public func sum(from: Int, through: Int) -> Double {
        let lower = min(max(from - firstDay, 0), prefix.count - 1)
        let upper = min(max(through - firstDay + 1, 0), prefix.count - 1)
        return upper > lower ? prefix[upper] - prefix[lower] : 0
    }

    /// Counts of the whole weeks `(end − 7·(n−1) − 6)...end` for n = `weeks`, oldest first.
    public func weeklyCounts(endingOn end: Int, weeks: Int) -> [Double] {
        (0..<max(weeks, 0)).reversed().map { back in
            let weekEnd = end - 7 * back
            return sum(from: weekEnd - 6, through: weekEnd)
        }
    }
}

/// Where a key with too little history of its own takes its baseline from.
public enum ParentBaseline: Sendable, Equatable {
    /// The parent key's daily counts; the key is expected to hold `share` of them.
    case series(DailyCounts, share: Double)
    /// A known weekly rate of the parent and its overdispersion; the key is expected to hold `share` of it.
    case rate(perWeek: Double, share: Double, overdispersion: Double)
}
