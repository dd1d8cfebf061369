import Foundation
import Testing

@testable import VigilAlerts

@Suite struct AlertSimulatorTests {
    /// Tiny fixed-seed runs with bounds far from the expected figures (Vigil about 0.2 false onsets per key-year;
    /// the comparators several per key-year), so they catch a broken method rather than noise.
    @Test func vigilBeatsTheComparatorsOnFalseOnsets() {
        let simulator = AlertSimulator()
        let vigil = simulator.run(.vigil, baselinePerWeek: 1, keys: 3, years: 3, riseTrials: 0, seed: 11)
        let huginn = simulator.run(.huginn, baselinePerWeek: 1, keys: 3, years: 3, riseTrials: 0, seed: 11)
        let elastAlert = simulator.run(.elastAlert, baselinePerWeek: 1, keys: 3, years: 3, riseTrials: 0, seed: 11)
        #expect(abs(vigil.keyYears - 9) < 0.1)
        #expect(vigil.falseOnsetsPerKeyYear < 1.5, "\(vigil)")
        #expect(huginn.falseOnsetsPerKeyYear > 3, "\(huginn)")
        #expect(elastAlert.falseOnsetsPerKeyYear > 2, "\(elastAlert)")
    }

    @Test func vigilDetectsATriplingAtTwoPerWeek() {
        let figures = AlertSimulator().run(.vigil, baselinePerWeek: 2, keys: 0, years: 0, riseTrials: 12, seed: 5)
        #expect(figures.riseTrials == 12)
        #expect(figures.detectionRate >= 0.6, "\(figures)")
        #expect(figures.meanDaysToDetect <= 49)
    }

    @Test func sameSeedSameFigures() {
        let simulator = AlertSimulator(overdispersion: 1)
        for method in AlertSimulator.Method.allCases {
            let a = simulator.run(method, baselinePerWeek: 0.5, keys: 1, years: 1, riseTrials: 3, seed: 3)
            let b = simulator.run(method, baselinePerWeek: 0.5, keys: 1, years: 1, riseTrials: 3, seed: 3)
            #expect(a == b)
        }
    }

    /// The bench behind the README figures. Slow: `VIGIL_SURGE_BENCH=1 swift test --filter alertBench`
    /// (sizes from VIGIL_SURGE_BENCH_KEYS, _YEARS, _TRIALS; defaults 100, 10, 500).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["VIGIL_SURGE_BENCH"] != nil))
    func alertBench() {
        let environment = ProcessInfo.processInfo.environment
        let keys = environment["VIGIL_SURGE_BENCH_KEYS"].flatMap { Int($0) } ?? 100
        let years = environment["VIGIL_SURGE_BENCH_YEARS"].flatMap { Double($0) } ?? 10
        let trials = environment["VIGIL_SURGE_BENCH_TRIALS"].flatMap { Int($0) } ?? 500
        for dispersion in [1.5, 1] {
            let simulator = AlertSimulator(overdispersion: dispersion)
            for rate in [0.1, 0.5, 1, 2, 5] {
                for method in AlertSimulator.Method.allCases {
                    let f = simulator.run(
                        method, baselinePerWeek: rate, keys: keys, years: years, riseTrials: trials, seed: 2024)
                    print(
                        "ALERTBENCH phi \(dispersion) rate \(rate)/week \(method.rawValue): "
                            + "\(String(format: "%.3f", f.falseOnsetsPerKeyYear)) false onsets per key-year "
                            + "(\(f.falseOnsets) in \(Int(f.keyYears.rounded()))), tripling detected within 8 weeks "
                            + "\(String(format: "%.3f", f.detectionRate)), "
                            + "mean \(String(format: "%.1f", f.meanDaysToDetect)) days")
                }
            }
        }
    }
}
