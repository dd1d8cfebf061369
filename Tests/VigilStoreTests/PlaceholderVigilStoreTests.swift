import Testing
@testable import VigilStore

@Test func VigilStoreBuilds() { #expect(Bool(true)) }
