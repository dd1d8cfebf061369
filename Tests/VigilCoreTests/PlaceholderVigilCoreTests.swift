import Testing
@testable import VigilCore

@Test func VigilCoreBuilds() { #expect(Bool(true)) }
