import Foundation
import Testing

@testable import VigilAlerts

@Suite struct PoissonCUSUMTests {
    @Test func statisticFollowsTheRecursion() {
        var cusum = PoissonCUSUM(inControlRate: 1, rateRatio: 2, threshold: 100)
        #expect(cusum.update(count: 3) == .quiet)
        #expect(abs(cusum.statistic - (3 * log(2) - 1)) < 1e-12)
        _ = cusum.update(count: 0)
        #expect(abs(cusum.statistic - (3 * log(2) - 2)) < 1e-12)
        _ = cusum.update(count: 2)
        #expect(abs(cusum.statistic - (5 * log(2) - 3)) < 1e-12)
        _ = cusum.update(count: 0)
        _ = cusum.update(count: 0)
        #expect(cusum.statistic == 0)  // floored at zero, never negative
    }

    @Test func alarmIsHeldForAWeekThenTheStatisticRestarts() {
        var cusum = PoissonCUSUM(inControlRate: 1, rateRatio: 2, threshold: 1, holdWeeks: 1)
        #expect(cusum.update(count: 3) == .alarm)
        let atAlarm = cusum.statistic
        #expect(cusum.update(count: 0) == .held)
        #expect(cusum.statistic == atAlarm)  // frozen while held
        #expect(cusum.update(count: 1) == .quiet)
        #expect(cusum.statistic == 0)  // restarted from 0: ln 2 − 1 < 0

        var noHold = PoissonCUSUM(inControlRate: 1, rateRatio: 2, threshold: 1, holdWeeks: 0)
        #expect(noHold.update(count: 3) == .alarm)
        #expect(noHold.update(count: 2) == .quiet)
        #expect(abs(noHold.statistic - (2 * log(2) - 1)) < 1e-12)
    }

    @Test func calibrationReachesTheTargetRunLength() {
        // Poisson, λ0 = 0.5: the lattice threshold is 157/28 units of ln 2 (ARL 554.6, checked with numpy);
        // a Monte Carlo run of the unrounded CUSUM at that h gives ARL 573 ± 4.
        let h = CUSUMCalibrator.calibrate(inControlRate: 0.5, overdispersion: 1)
        #expect(abs(h - 157.0 / 28 * log(2)) < 1e-12)
        let arl = CUSUMCalibrator.averageRunLength(
            threshold: h, inControlRate: 0.5, counts: CountDistribution(mean: 0.5))
        #expect(abs(arl - 554.6255225747722) < 1e-6)
        let below = CUSUMCalibrator.averageRunLength(
            threshold: 155.5 / 28 * log(2), inControlRate: 0.5, counts: CountDistribution(mean: 0.5))
        #expect(below < 520)
    }

    @Test func overdispersionRaisesTheThreshold() {
        let poisson = CUSUMCalibrator.calibrate(inControlRate: 1, overdispersion: 1)
        let negativeBinomial = CUSUMCalibrator.calibrate(inControlRate: 1, overdispersion: 1.5)
        #expect(abs(negativeBinomial - 129.0 / 14 * log(2)) < 1e-12)  // Brook–Evans in numpy: 129 states, q = 14
        #expect(negativeBinomial > poisson)
    }

    @Test func calibrationsAreCachedByRoundedInputs() {
        let calibrator = CUSUMCalibrator()
        let first = calibrator.threshold(inControlRate: 2.0, overdispersion: 1.31)
        let near = calibrator.threshold(inControlRate: 2.005, overdispersion: 1.32)
        #expect(first == near)
        #expect(calibrator.cachedCount == 1)
        _ = calibrator.threshold(inControlRate: 2.5, overdispersion: 1.31)
        #expect(calibrator.cachedCount == 2)
    }

    @Test func countDistributionMomentsAndSamples() {
        let nb = CountDistribution(mean: 2, overdispersion: 1.5)
        let pmf = nb.probabilities()
        let mean = pmf.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
        let second = pmf.enumerated().reduce(0) { $0 + Double($1.offset * $1.offset) * $1.element }
        #expect(abs(pmf.reduce(0, +) - 1) < 1e-12)
        #expect(abs(mean - 2) < 1e-10)
        #expect(abs(second - mean * mean - 3) < 1e-9)
        var generator = SplitMix64(seed: 7)
        let draws = (0..<20_000).map { _ in Double(nb.sample(using: &generator)) }
        let sampleMean = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(sampleMean - 2) < 0.1)
        #expect(abs(Overdispersion.estimate(weeklyCounts: draws) - 1.5) < 0.15)
    }
}
