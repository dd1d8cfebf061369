import Testing

@testable import VigilAlerts

@Suite struct SpecialFunctionsTests {
    @Test func placeholder() { #expect(SpecialFunctions.logGamma(1) == 0) }
}
