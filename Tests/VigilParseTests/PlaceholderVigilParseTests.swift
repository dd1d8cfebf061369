import Testing
@testable import VigilParse

@Test func VigilParseBuilds() { #expect(Bool(true)) }
