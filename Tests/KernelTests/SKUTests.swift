import Kernel
import Testing

/// The one SKU rule every context applies (Products on create, Orders when it looks lines up, Allocation for batches).
@Suite struct SKUTests {
    @Test(arguments: ["red-chair-01", " RED-CHAIR-01", "red-chair-01\n", "\tRed-Chair-01\u{A0}", "\u{2003}red-CHAIR-01\r\n"])
    func everyUnicodeWhitespaceIsTrimmedAndLettersAreUpperCased(raw: String) throws {
        #expect(try SKU(raw).value == "RED-CHAIR-01")
        #expect(SKU(normalizing: raw)?.value == "RED-CHAIR-01")
        #expect(SKU.normalize(raw) == "RED-CHAIR-01")
    }

    @Test(arguments: ["", "   ", "-A", "A_B", "A B", "ÄBC", String(repeating: "X", count: 65)])
    func anythingElseIsRefusedWithTheSameMessage(raw: String) {
        #expect(SKU(normalizing: raw) == nil)
        let error = #expect(throws: DomainError.self) { try SKU(raw) }
        #expect(error?.code == "validation_failed")
        #expect(error?.fields.first?.field == "sku")
        #expect(error?.fields.first?.message == SKU.rule)
    }

    @Test func normalisingAloneKeepsWhatThePatternRefusesSoLookupsCanReportItUnknown() {
        #expect(SKU.normalize(" a_b ") == "A_B")
    }

    @Test func sixtyFourCharactersIsTheLongestSKU() throws {
        #expect(try SKU(String(repeating: "x", count: 64)).value.count == 64)
    }
}
