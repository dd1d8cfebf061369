import Foundation
import Testing

@testable import VigilAlerts

@Suite struct SurgeParametersTests {
    @Test func defaultsAreTheIssues() {
        let p = SurgeParameters()
        #expect(p.windowDays == 56 && p.baselineDays == 364 && p.alpha == 0.001)
        #expect(p.cusumRateRatio == 2 && p.baselineFloorPerWeek == 0.5 && p.inControlRunWeeks == 520)
        #expect(p.alarmHoldWeeks == 1 && p.minimumIncidents == 5 && p.minimumExcess == 3)
        #expect(p.minimumHistoryWeeks == 8 && p.correctsOverdispersion)
        #expect(p.validate().isEmpty)
    }

    @Test func partialSectionDecodesOverDefaults() throws {
        let json = Data(#"{"alpha": 0.005, "window_days": 28}"#.utf8)
        let p = try JSONDecoder().decode(SurgeParameters.self, from: json)
        #expect(p.alpha == 0.005 && p.windowDays == 28 && p.baselineDays == 364)
        let back = try JSONDecoder().decode(SurgeParameters.self, from: JSONEncoder().encode(p))
        #expect(back == p)
    }

    @Test func validateNamesEveryProblem() {
        var p = SurgeParameters()
        p.windowDays = 50
        p.alpha = 0
        p.minimumHistoryWeeks = 1
        let problems = p.validate()
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("window_days:") })
        #expect(problems.contains { $0.hasPrefix("alpha:") })
        #expect(problems.contains { $0.hasPrefix("min_history_weeks:") })
    }
}
