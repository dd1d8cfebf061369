import Testing

@testable import VigilAlerts

/// Reference p-values from scipy 1.17 (`stats.binom.sf`, `special.betainc`, `stats.beta.ppf`).
@Suite struct RateTestTests {
    static func close(_ x: Double, _ reference: Double, relative: Double = 1e-10) -> Bool {
        abs(x - reference) <= relative * abs(reference)
    }

    @Test func integerCountsGiveTheExactBinomialTail() {
        // P(Binomial(34, 56/420) ≥ 14)
        let test = RateTest(observed: 14, windowDays: 56, baselineCount: 20, baselineDays: 364)
        #expect(Self.close(test.pValue, 5.579948581679447e-05))
        #expect(Self.close(test.expected, 20 * 56 / 364.0))
        #expect(Self.close(test.rateRatio, (14 / 56.0) / (20 / 364.0)))
        #expect(test.isSignificant(alpha: 0.001))
        // Equal windows, no rise: P(Binomial(40, 1/2) ≥ 10)
        let flat = RateTest(observed: 10, windowDays: 56, baselineCount: 30, baselineDays: 56)
        #expect(Self.close(flat.pValue, 0.9996602258725034))
        #expect(!flat.isSignificant(alpha: 0.001))
    }

    @Test func emptyBaselineAndEmptyWindow() {
        let new = RateTest(observed: 5, windowDays: 56, baselineCount: 0, baselineDays: 364)
        #expect(Self.close(new.pValue, 4.2139917695473246e-05))  // (56/420)^5
        #expect(new.rateRatio == .infinity)
        #expect(new.expected == 0)
        let none = RateTest(observed: 0, windowDays: 56, baselineCount: 12, baselineDays: 364)
        #expect(none.pValue == 1)
        #expect(none.rateRatio == 0)
    }

    @Test func overdispersionDeflatesCounts() {
        let test = RateTest(observed: 14, windowDays: 56, baselineCount: 20, baselineDays: 364, overdispersion: 1.3)
        #expect(Self.close(test.pValue, 0.0004029511093056621))  // I_{2/15}(14/1.3, 20/1.3 + 1)
        #expect(test.pValue > RateTest(observed: 14, windowDays: 56, baselineCount: 20, baselineDays: 364).pValue)
        // Underdispersion is not rewarded.
        let under = RateTest(observed: 14, windowDays: 56, baselineCount: 20, baselineDays: 364, overdispersion: 0.5)
        #expect(under.overdispersion == 1)
    }

    @Test func rateRatioIntervalIsClopperPearson() {
        let test = RateTest(observed: 14, windowDays: 56, baselineCount: 20, baselineDays: 364)
        let interval = test.rateRatioInterval(confidence: 0.95)
        #expect(Self.close(interval.lower, 2.126075063678408, relative: 1e-8))
        #expect(Self.close(interval.upper, 9.471715498509207, relative: 1e-8))
        #expect(interval.lower < test.rateRatio && test.rateRatio < interval.upper)
        let new = RateTest(observed: 5, windowDays: 56, baselineCount: 0, baselineDays: 364)
        #expect(new.rateRatioInterval().upper == .infinity)
    }

    @Test func explanationCarriesTheFigures() {
        let test = RateTest(observed: 14, windowDays: 56, baselineCount: 20, baselineDays: 364, overdispersion: 1.3)
        #expect(
            test.explanation
                == "14 incidents in the last 56 days vs 3.1 expected from 20 in the 364 days before "
                + "(rate ×4.5, p=4e-4, overdispersion 1.3)")
        let strong = RateTest(observed: 14, windowDays: 56, baselineCount: 20, baselineDays: 364)
        #expect(strong.explanation.contains("p=5.6e-5"))
        #expect(!strong.explanation.contains("overdispersion"))
    }

    @Test func pValueFormatting() {
        #expect(Formatting.pValue(2.04e-6) == "2e-6")
        #expect(Formatting.pValue(9.96e-5) == "1e-4")
        #expect(Formatting.pValue(0.0123) == "0.012")
        #expect(Formatting.decimal(3.0) == "3")
        #expect(Formatting.decimal(-0.01) == "0")
    }

    @Test func overdispersionEstimate() {
        #expect(Overdispersion.estimate(weeklyCounts: []) == 1)
        #expect(Overdispersion.estimate(weeklyCounts: [0, 0, 0]) == 1)
        #expect(Overdispersion.estimate(weeklyCounts: [1, 3]) == 1)  // mean 2, variance 2
        #expect(Overdispersion.estimate(weeklyCounts: [0, 4]) == 4)  // mean 2, variance 8
        #expect(Overdispersion.thinned(3, share: 0.5) == 2)
        #expect(Overdispersion.thinned(3, share: 0) == 1)
    }
}
