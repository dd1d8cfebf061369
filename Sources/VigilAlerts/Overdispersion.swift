/// Estimates how much more variable weekly counts are than a Poisson process of the same mean.
public enum Overdispersion {
    /// The index of dispersion (sample variance over mean) of `weeklyCounts`, floored at 1.
    ///
    /// Returns 1 (no correction) for fewer than two weeks or an all-zero series: there is nothing to estimate.
    public static func estimate(weeklyCounts: [Double]) -> Double {
        guard weeklyCounts.count >= 2 else { return 1 }
        let n = Double(weeklyCounts.count)
        let mean = weeklyCounts.reduce(0, +) / n
        guard mean > 0 else { return 1 }
        let variance = weeklyCounts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return max(1, variance / mean)
    }

    /// The dispersion of a key's share of a parent's counts, each parent incident belonging to the key with
    /// probability `share` (binomial thinning: φ_key = 1 + share·(φ_parent − 1)).
    public static func thinned(_ parent: Double, share: Double) -> Double {
        1 + min(max(share, 0), 1) * (max(parent, 1) - 1)
    }
}
