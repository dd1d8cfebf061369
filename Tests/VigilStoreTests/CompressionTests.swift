import Foundation
import Testing

@testable import VigilStore

@Suite struct CompressionTests {
    /// Deterministic pseudo-random bytes (a linear congruential generator), which do not compress.
    private func noise(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test(arguments: [0, 1, 100, 64 * 1024, 64 * 1024 + 1, 1_000_000])
    func roundTripsNoise(size: Int) throws {
        let body = noise(size)
        let compressed = try Compression.gzip(body)
        #expect(try Compression.inflate(compressed, maxSize: size) == body)
    }

    @Test func writesGzipAndShrinksText() throws {
        let page = Array(String(repeating: "<p>Explosion reported near the harbour.</p>\n", count: 2000).utf8)
        let compressed = try Compression.gzip(page)
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        #expect(compressed.count < page.count / 10)
        #expect(try Compression.inflate(compressed, maxSize: page.count) == page)
    }

    @Test func refusesToInflatePastTheLimit() throws {
        let bomb = try Compression.gzip([UInt8](repeating: 0, count: 10_000_000))
        #expect(bomb.count < 20_000)
        let error = #expect(throws: Compression.Failure.self) {
            try Compression.inflate(bomb, maxSize: 1_000_000)
        }
        #expect(error?.description.contains("more than 1000000 bytes") == true)
    }

    @Test func rejectsTruncatedData() throws {
        let compressed = try Compression.gzip(noise(10_000))
        let error = #expect(throws: Compression.Failure.self) {
            try Compression.inflate(Array(compressed.dropLast(20)), maxSize: 100_000)
        }
        #expect(error?.description.contains("truncated") == true)
    }

    @Test func rejectsGarbage() {
        #expect(throws: Compression.Failure.self) {
            try Compression.inflate(Array("not compressed at all".utf8), maxSize: 100_000)
        }
    }
}
