import Foundation

/// Weekly incident counts of mean μ and variance φ·μ: Poisson when φ = 1, negative binomial when φ > 1.
///
/// Used both to calibrate the CUSUM threshold (its probabilities) and to simulate streams (its samples).
public struct CountDistribution: Sendable, Equatable {
    /// Mean count μ.
    public let mean: Double
    /// Variance over mean φ (1 = Poisson).
    public let overdispersion: Double

    /// A distribution of mean `mean` ≥ 0 and dispersion `overdispersion` (values below 1 mean 1).
    public init(mean: Double, overdispersion: Double = 1) {
        self.mean = max(mean, 0)
        self.overdispersion = max(overdispersion, 1)
    }

    private var isPoisson: Bool { overdispersion < 1 + 1e-9 }

    /// P(0) and the ratio P(k+1)/P(k) as a function of k: the recurrence both pmf and sampling walk.
    private var start: (p0: Double, ratio: @Sendable (Double) -> Double) {
        let mu = mean
        if isPoisson { return (exp(-mu), { k in mu / (k + 1) }) }
        // NB with size r and success probability q: mean r(1−q)/q = μ, variance μ/q = φμ.
        let q = 1 / overdispersion
        let r = mu / (overdispersion - 1)
        return (exp(r * log(q)), { k in (k + r) / (k + 1) * (1 - q) })
    }

    /// Probabilities P(0), P(1), … until the remaining tail is below `tailBelow`.
    public func probabilities(tailBelow: Double = 1e-13) -> [Double] {
        let (p0, ratio) = start
        var result = [p0]
        var cumulative = p0
        var p = p0
        var k = 0.0
        while 1 - cumulative > tailBelow && result.count < 100_000 {
            p *= ratio(k)
            k += 1
            result.append(p)
            cumulative += p
        }
        return result
    }

    /// One count drawn by inversion (sequential search along the recurrence).
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let (p0, ratio) = start
        let u = Double.random(in: 0..<1, using: &generator)
        var p = p0
        var cumulative = p0
        var k = 0
        while u >= cumulative && k < 100_000 {
            p *= ratio(Double(k))
            k += 1
            cumulative += p
            if p == 0 && Double(k) > mean { break }  // rounding left u above the total mass
        }
        return k
    }
}

/// SplitMix64: a small, fast, fixed-seed generator so that simulations and tests are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole output is determined by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
