import Foundation
import Synchronization

/// Finds, per key, the CUSUM threshold h whose in-control average run length (ARL0) is a target number of weeks,
/// given the key's in-control weekly rate λ0 and the overdispersion φ of its weekly counts.
///
/// Method: a Brook–Evans Markov chain. In units of ln(λ1/λ0) the statistic moves by x − k with integer x and
/// k = (λ1 − λ0)/ln(λ1/λ0); k is rounded to a lattice of step 1/q (q chosen so k spans ≥ 20 steps, an error
/// below 2.5%), on which the chain is exact: ARL = first entry of (I − R)⁻¹·1 over the sub-threshold states.
/// In-control counts are negative binomial of mean λ0 and variance φ·λ0 (Poisson when φ = 1). The smallest
/// lattice threshold with ARL ≥ target is returned. Results are cached by rounded (λ0, φ): λ0 to 2% steps on a
/// log scale, φ to steps of 0.05, so a stream of slightly different estimates costs few calibrations.
public final class CUSUMCalibrator: Sendable {
    /// A process-wide cache, shared by every evaluator that does not bring its own.
    public static let shared = CUSUMCalibrator()

    private struct Key: Hashable {
        let rateStep: Int
        let dispersionStep: Int
        let rateRatio: Double
        let target: Double
    }

    private let cache = Mutex<[Key: Double]>([:])

    /// An empty cache.
    public init() {}

    /// Number of calibrations held, for tests and benchmarks.
    public var cachedCount: Int { cache.withLock { $0.count } }

    /// The threshold h (log-likelihood units) for λ0 = `inControlRate`, dispersion φ, tuned ratio and target ARL0.
    public func threshold(
        inControlRate: Double, overdispersion: Double, rateRatio: Double = 2, targetRunLength: Double = 520
    ) -> Double {
        let key = Key(
            rateStep: Int((log(max(inControlRate, 1e-6)) / 0.02).rounded()),
            dispersionStep: Int((max(overdispersion, 1) / 0.05).rounded()),
            rateRatio: rateRatio, target: targetRunLength)
        if let known = cache.withLock({ $0[key] }) { return known }
        // Calibrate at the rounded values so that every member of a cache cell gets the same answer.
        let h = Self.calibrate(
            inControlRate: exp(Double(key.rateStep) * 0.02), overdispersion: Double(key.dispersionStep) * 0.05,
            rateRatio: rateRatio, targetRunLength: targetRunLength)
        cache.withLock { $0[key] = h }
        return h
    }

    /// Uncached calibration (see the type's description).
    public static func calibrate(
        inControlRate: Double, overdispersion: Double, rateRatio: Double = 2, targetRunLength: Double = 520
    ) -> Double {
        let lattice = Lattice(inControlRate: inControlRate, rateRatio: rateRatio)
        let pmf = CountDistribution(mean: inControlRate, overdispersion: overdispersion).probabilities()
        // Grow the threshold until the run length is long enough, then bisect on the integer lattice.
        var high = max(lattice.k, 2)
        while lattice.averageRunLength(states: high, pmf: pmf) < targetRunLength && high < 4096 { high *= 2 }
        var low = high / 2
        while low + 1 < high {
            let mid = (low + high) / 2
            if lattice.averageRunLength(states: mid, pmf: pmf) >= targetRunLength { high = mid } else { low = mid }
        }
        return Double(high) / Double(lattice.q) * log(rateRatio)
    }

    /// In-control ARL of a CUSUM with threshold `threshold` (log-likelihood units) on counts from `counts`.
    public static func averageRunLength(
        threshold: Double, inControlRate: Double, rateRatio: Double = 2, counts: CountDistribution
    ) -> Double {
        let lattice = Lattice(inControlRate: inControlRate, rateRatio: rateRatio)
        let states = Int((threshold / log(rateRatio) * Double(lattice.q)).rounded(.up))
        return lattice.averageRunLength(states: states, pmf: counts.probabilities())
    }

    /// The CUSUM in units of 1/q of ln(λ1/λ0): one incident moves it up q steps, each week down k steps.
    private struct Lattice {
        let q: Int
        let k: Int

        init(inControlRate: Double, rateRatio: Double) {
            let drift = inControlRate * (rateRatio - 1) / log(rateRatio)
            q = max(1, Int((20 / drift).rounded(.up)))
            k = max(1, Int((drift * Double(q)).rounded()))
        }

        /// ARL from 0 of the chain on states 0..<states, alarm on reaching `states`.
        func averageRunLength(states n: Int, pmf: [Double]) -> Double {
            guard n > 0 else { return 1 }
            // Build A = I − R row-major, then solve A·L = 1 by Gaussian elimination with partial pivoting.
            var a = [Double](repeating: 0, count: n * n)
            var rhs = [Double](repeating: 1, count: n)
            for s in 0..<n {
                a[s * n + s] += 1
                for (x, p) in pmf.enumerated() {
                    let next = s + x * q - k
                    if next >= n { break }
                    a[s * n + max(0, next)] -= p
                }
            }
            a.withUnsafeMutableBufferPointer { m in
                rhs.withUnsafeMutableBufferPointer { b in
                    for col in 0..<n {
                        var pivot = col
                        for row in (col + 1)..<max(n, col + 1) where abs(m[row * n + col]) > abs(m[pivot * n + col]) {
                            pivot = row
                        }
                        if pivot != col {
                            for j in 0..<n { m.swapAt(col * n + j, pivot * n + j) }
                            b.swapAt(col, pivot)
                        }
                        let diagonal = m[col * n + col]
                        guard diagonal != 0 else { continue }
                        for row in (col + 1)..<max(n, col + 1) {
                            let factor = m[row * n + col] / diagonal
                            if factor == 0 { continue }
                            for j in col..<n { m[row * n + j] -= factor * m[col * n + j] }
                            b[row] -= factor * b[col]
                        }
                    }
                    for row in stride(from: n - 1, through: 0, by: -1) {
                        var sum = b[row]
                        for j in (row + 1)..<max(n, row + 1) { sum -= m[row * n + j] * b[j] }
                        b[row] = sum / m[row * n + row]
                    }
                }
            }
            return rhs[0]
        }
    }
}
