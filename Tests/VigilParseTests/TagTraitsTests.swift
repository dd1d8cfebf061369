import Testing

@testable import VigilParse

/// The generated `TagTraits.of` switch agrees with the lists it was generated from.
@Suite struct TagTraitsTests {
    @Test func switchMatchesTheLists() {
        let table = TagTraits.computedTable
        #expect(table.count == Int(HTMLTag.firstExtraCode))
        for code in 0..<UInt16(table.count + 5) {
            let expected = Int(code) < table.count ? table[Int(code)] : []
            #expect(TagTraits.of(code) == expected, "code \(code)")
        }
    }
}
