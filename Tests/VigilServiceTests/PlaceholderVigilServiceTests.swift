import Testing
@testable import VigilService

@Test func VigilServiceBuilds() { #expect(Bool(true)) }
