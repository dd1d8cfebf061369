import Testing

@testable import VigilAlerts

@Suite struct SurgeEvaluatorTests {
    let evaluator = SurgeEvaluator()

    /// 364 baseline days with one incident every 14 days (26), then 56 days holding `recent` incidents evenly.
    static func series(recent: Int, baselineEvery: Int = 14) -> [Int] {
        var days = [Int](repeating: 0, count: 420)
        for day in stride(from: 0, to: 364, by: baselineEvery) { days[day] = 1 }
        for i in 0..<recent { days[364 + i * 56 / max(recent, 1)] += 1 }
        return days
    }

    @Test func clearSurgeFiresWithAnExplanation() {
        let verdict = evaluator.evaluate(dailyCounts: Self.series(recent: 14), on: 419)
        #expect(verdict.evaluated && verdict.fires)
        #expect(verdict.detectors.contains(.rateTest))
        #expect(verdict.window == 364...419)
        #expect(verdict.baselineWindow == 0...363)
        #expect(verdict.observed == 14)
        #expect(abs(verdict.expected - 4) < 1e-12)
        #expect(verdict.overdispersion == 1)  // alternating 1, 0 weeks are underdispersed
        #expect(abs(verdict.pValue - 0.00042521351176323576) < 1e-12)  // scipy binom.sf(13, 40, 2/15)
        #expect(verdict.weeklyCounts.count == 8 && verdict.weeklyCounts.reduce(0, +) == 14)
        #expect(verdict.cusumInControlRate == 0.5)
        #expect(verdict.explanation.hasPrefix("Surge (window test"))
        #expect(
            verdict.explanation.contains(
                "14 incidents in the last 56 days vs 4 expected from 26 in the 364 days before (rate ×3.5, p=4.3e-4)"))
        // Stateless: the same input gives the same verdict.
        #expect(evaluator.evaluate(dailyCounts: Self.series(recent: 14), on: 419) == verdict)
    }

    @Test func steadyRateDoesNotFire() {
        let verdict = evaluator.evaluate(dailyCounts: Self.series(recent: 4), on: 419)
        #expect(verdict.evaluated && !verdict.fires && verdict.detectors.isEmpty)
        #expect(verdict.explanation.hasPrefix("No surge:"))
    }

    @Test func cusumCatchesABurstInTheLastWeeks() {
        var days = Self.series(recent: 0)
        for day in 406...419 { days[day] = 1 }  // 14 incidents in the last two weeks
        let verdict = evaluator.evaluate(dailyCounts: days, on: 419)
        #expect(verdict.fires && verdict.detectors.contains(.cusum))
        #expect(verdict.cusumStatistic >= verdict.cusumThreshold)
    }

    @Test func guardsHoldBackSmallCounts() {
        // Four incidents after a silent year: the window test holds (p = (2/15)^4) but fewer than 5 incidents.
        var days = [Int](repeating: 0, count: 420)
        for day in [380, 390, 400, 410] { days[day] = 1 }
        let few = evaluator.evaluate(dailyCounts: days, on: 419)
        #expect(few.detectors == [.rateTest])
        #expect(!few.guards.enoughIncidents && few.guards.enoughExcess)
        #expect(!few.fires)
        #expect(few.explanation.contains("guarded: fewer than 5 incidents"))
        // Five incidents but only 2.5 more than the 2.46 expected.
        let small = evaluator.evaluate(dailyCounts: Self.series(recent: 5, baselineEvery: 23), on: 419)
        #expect(small.guards.enoughIncidents && !small.guards.enoughExcess && !small.fires)
        // A stricter excess guard holds back even the clear surge.
        var strict = SurgeParameters()
        strict.minimumExcess = 11
        let held = SurgeEvaluator(parameters: strict).evaluate(dailyCounts: Self.series(recent: 14), on: 419)
        #expect(!held.detectors.isEmpty && !held.fires)
    }

    @Test func newKeyWithoutParentIsNotEvaluated() {
        let days = [Int](repeating: 1, count: 90)  // 34 baseline days only
        let verdict = evaluator.evaluate(dailyCounts: days, firstDay: 1000, on: 1089)
        #expect(!verdict.evaluated && !verdict.fires)
        #expect(verdict.explanation.contains("only 34 days of baseline history (56 needed)"))
        let before = evaluator.evaluate(dailyCounts: days, firstDay: 1000, on: 999)
        #expect(!before.evaluated)
    }

    @Test func newKeyBorrowsFromItsParentSeries() throws {
        // The parent: two incidents a week for 420 days. The key started 20 days ago with 9 incidents.
        var parentDays = [Int](repeating: 0, count: 420)
        for day in stride(from: 0, to: 420, by: 7) {
            parentDays[day] = 1
            parentDays[day + 3] = 1
        }
        var keyDays = [Int](repeating: 0, count: 20)
        for i in 0..<9 { keyDays[i * 2] = 1 }
        let keyCounts = DailyCounts(keyDays, firstDay: 400)
        let verdict = evaluator.evaluate(
            keyCounts, on: 419, parent: .series(DailyCounts(parentDays), share: 0.1))
        #expect(verdict.evaluated && verdict.fires)
        #expect(verdict.baselineSource == .parent(share: 0.1))
        #expect(verdict.window == 400...419)
        let test = try #require(verdict.rateTest)
        #expect(abs(test.baselineCount - 10.4) < 1e-12)  // 0.1 × 104 parent incidents
        #expect(test.baselineDays == 364)
        #expect(verdict.explanation.contains("borrowed from the parent key at a share of 0.1"))

        let byRate = evaluator.evaluate(
            keyCounts, on: 419, parent: .rate(perWeek: 2, share: 0.1, overdispersion: 3))
        #expect(byRate.evaluated)
        #expect(abs(byRate.overdispersion - 1.2) < 1e-12)  // thinned: 1 + 0.1 × (3 − 1)
        #expect(abs(try #require(byRate.rateTest).baselineCount - 10.4) < 1e-12)
    }

    @Test func fullWindowMatchesRateParentReference() {
        // Own history of 56 days in the window and only 20 before: the parent rate gives the baseline.
        var keyDays = [Int](repeating: 0, count: 76)
        for i in 0..<8 { keyDays[20 + i * 7] = 1 }
        let verdict = evaluator.evaluate(
            DailyCounts(keyDays), on: 75, parent: .rate(perWeek: 1, share: 0.25, overdispersion: 1))
        #expect(abs(verdict.expected - 2) < 1e-12)
        #expect(abs(verdict.pValue - 0.004018761253803663) < 1e-12)  // scipy betainc(8, 14, 2/15)
    }

    @Test func textbookModeIgnoresOverdispersion() {
        var days = [Int](repeating: 0, count: 420)
        for week in 0..<52 where week % 4 == 0 { days[week * 7] = 4 }  // bursty baseline: φ ≈ 4
        for i in 0..<8 { days[364 + i * 7] = 1 }
        let corrected = evaluator.evaluate(dailyCounts: days, on: 419)
        var textbook = SurgeParameters()
        textbook.correctsOverdispersion = false
        let naive = SurgeEvaluator(parameters: textbook).evaluate(dailyCounts: days, on: 419)
        #expect(corrected.overdispersion > 3)
        #expect(naive.overdispersion == 1)
        #expect(naive.cusumThreshold < corrected.cusumThreshold)
    }
}
