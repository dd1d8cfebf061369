import Foundation
import Testing

@testable import VigilAlerts

/// References from scipy 1.17 (`special.gammaln`, `special.betainc`).
@Suite struct SpecialFunctionsTests {
    static func close(_ x: Double, _ reference: Double, relative: Double = 1e-12) -> Bool {
        abs(x - reference) <= relative * max(abs(reference), 1e-300)
    }

    @Test(arguments: [
        (0.1, 2.252712651734206), (0.5, 0.5723649429247), (1.0, 0.0), (2.5, 0.2846828704729192),
        (100.5, 361.43554046777757), (1e5, 1051287.7089736569),
    ])
    func logGammaMatchesReference(x: Double, reference: Double) {
        let value = SpecialFunctions.logGamma(x)
        #expect(abs(value - reference) <= 1e-13 * max(abs(reference), 1), "lnΓ(\(x)) = \(value)")
    }

    @Test(arguments: [
        (0.5, 0.5, 0.3, 0.36901011956554536), (200.0, 300.0, 0.4, 0.5024286163199315),
        (5.0, 1000.0, 0.001, 0.003698314113540207), (2.5, 3.5, 0.9, 0.9978262271572729),
        (50.0, 50.0, 0.5, 0.5000000000000007), (1e-3, 2.0, 0.5, 0.9998067465369478),
        (30.0, 0.7, 0.99, 0.579573670241318),
    ])
    func incompleteBetaMatchesReference(a: Double, b: Double, x: Double, reference: Double) {
        let value = SpecialFunctions.regularizedIncompleteBeta(x: x, a: a, b: b)
        #expect(Self.close(value, reference, relative: 1e-11), "I_\(x)(\(a), \(b)) = \(value)")
    }

    @Test func incompleteBetaEdgesAndSymmetry() {
        #expect(SpecialFunctions.regularizedIncompleteBeta(x: 0, a: 2, b: 3) == 0)
        #expect(SpecialFunctions.regularizedIncompleteBeta(x: 1, a: 2, b: 3) == 1)
        // I_x(a, b) = 1 − I_{1−x}(b, a)
        let left = SpecialFunctions.regularizedIncompleteBeta(x: 0.37, a: 7.3, b: 2.2)
        let right = SpecialFunctions.regularizedIncompleteBeta(x: 0.63, a: 2.2, b: 7.3)
        #expect(abs(left + right - 1) < 1e-14)
        // I_x(1, 1) = x and I_x(a, 1) = x^a
        #expect(abs(SpecialFunctions.regularizedIncompleteBeta(x: 0.3, a: 1, b: 1) - 0.3) < 1e-15)
        #expect(Self.close(SpecialFunctions.regularizedIncompleteBeta(x: 0.2, a: 4.5, b: 1), pow(0.2, 4.5)))
    }
}
