import Foundation
import Testing

@testable import VigilAlerts

@Suite struct SurgeSimulatorTests {
    /// A small fixed-seed run: deterministic, and the bounds are far from the expected figures (about 0.15
    /// false onsets per key-year and 0.75–0.95 detection), so they catch a broken method rather than noise.
    @Test func smallFixedSeedRunMeetsGenerousBounds() {
        let simulator = SurgeSimulator()
        let figures = simulator.run(baselinePerWeek: 2, keys: 10, years: 5, riseTrials: 60, seed: 42)
        #expect(abs(figures.keyYears - 50) < 0.1)
        #expect(figures.falseOnsetsPerKeyYear < 0.8, "\(figures)")
        #expect(figures.detectionRate > 0.5, "\(figures)")
    }

    @Test func clearTriplingIsDetected() {
        let figures = SurgeSimulator().run(baselinePerWeek: 5, keys: 0, years: 0, riseTrials: 30, seed: 7)
        #expect(figures.riseTrials == 30)
        #expect(figures.detectionRate >= 0.9, "\(figures)")
        #expect(figures.meanWeeksToDetect <= 6)
    }

    @Test func sameSeedSameFigures() {
        let simulator = SurgeSimulator()
        let a = simulator.run(baselinePerWeek: 1, keys: 2, years: 2, riseTrials: 10, seed: 9)
        let b = simulator.run(baselinePerWeek: 1, keys: 2, years: 2, riseTrials: 10, seed: 9)
        #expect(a == b)
    }

    /// The calibration bench behind the figures in `SurgeSimulator`'s documentation. Slow: run it on demand with
    /// `VIGIL_SURGE_BENCH=1 swift test -c release --filter SurgeSimulatorTests`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["VIGIL_SURGE_BENCH"] != nil))
    func calibrationBench() {
        var textbook = SurgeParameters()
        textbook.windowDays = 28
        textbook.baselineDays = 182
        textbook.alpha = 0.005
        textbook.correctsOverdispersion = false
        let runs = [("defaults", SurgeParameters()), ("textbook", textbook)]
        for (name, parameters) in runs {
            let simulator = SurgeSimulator(evaluator: SurgeEvaluator(parameters: parameters))
            for rate in [0.5, 1, 2, 5] {
                let f = simulator.run(baselinePerWeek: rate, keys: 400, years: 10, riseTrials: 2000, seed: 2024)
                print(
                    "BENCH \(name) rate \(rate)/week: \(String(format: "%.3f", f.falseOnsetsPerKeyYear)) false onsets "
                        + "per key-year (\(f.falseOnsets) in \(Int(f.keyYears.rounded())) key-years), tripling "
                        + "detected within 8 weeks \(String(format: "%.3f", f.detectionRate)), "
                        + "mean \(String(format: "%.2f", f.meanWeeksToDetect)) weeks")
            }
        }
    }
}
