import Testing
@testable import VigilFetch

@Test func VigilFetchBuilds() { #expect(Bool(true)) }
