import Foundation
import Kernel
import OrdersDomain
import Testing

@Suite("Order placement rules")
struct RequestedLinesTests {
    static func eur(_ amount: Int64) -> Money { Money(amount: amount, currency: .eur) }

    @Test func linesAreNormalisedCountedAndBounded() throws {
        let lines = try RequestedLines([(" a-1 ", 1), ("B", 1000)])
        #expect(lines.skus == ["A-1", "B"])
        for bad in [[(String, Int)](), Array(repeating: ("X", 1), count: 51).enumerated().map { ("S\($0.offset)", $0.element.1) }] {
            let error = #expect(throws: DomainError.self) { try RequestedLines(bad) }
            #expect(error?.code == "validation_failed" && error?.fields.map(\.field) == ["lines"])
        }
        _ = try RequestedLines((0..<50).map { ("S\($0)", 1) })
        let quantities = #expect(throws: DomainError.self) { try RequestedLines([("A", 0), ("B", 1001), ("C", 5)]) }
        #expect(quantities?.code == "validation_failed")
        #expect(quantities?.fields.map(\.field) == ["lines[0].quantity", "lines[1].quantity"])
    }

    @Test func aSkuTwiceIsADuplicateLineEvenInAnotherCase() {
        let error = #expect(throws: DomainError.self) { try RequestedLines([("a-1", 1), ("B", 1), (" A-1", 2)]) }
        #expect(error?.code == "duplicate_line" && error?.kind == .validation)
        #expect(error?.fields.map(\.field) == ["lines[2].sku"])
    }

    @Test func pricingNamesEveryUnknownSkuAndTheTotalIsTheSum() throws {
        let lines = try RequestedLines([("A", 2), ("GONE", 1), ("B", 3), ("NOPE", 1)])
        let error = #expect(throws: DomainError.self) { try lines.priced(by: ["A": Self.eur(100), "B": Self.eur(250)]) }
        #expect(error?.code == "unknown_sku" && error?.fields.map(\.field) == ["lines[1].sku", "lines[3].sku"])

        let priced = try RequestedLines([("A", 2), ("B", 3)]).priced(by: ["A": Self.eur(100), "B": Self.eur(250)])
        let (order, placed) = try Order.place(id: UUID(), customerId: UUID(), lines: priced, at: Date(timeIntervalSince1970: 0))
        #expect(order.total == Self.eur(950) && order.status == .pending && order.paymentId == nil)
        #expect(placed.status == .pending && placed.reason == "placed")
        let huge = [OrderLine(sku: "A", quantity: 1000, unitPrice: Self.eur(Int64.max / 10))]
        let overflow = #expect(throws: DomainError.self) { try Order.place(id: UUID(), customerId: UUID(), lines: huge, at: Date()) }
        #expect(overflow?.code == "amount_out_of_range")
    }

    @Test func idempotencyKeysAreOneTo255PrintableCharacters() throws {
        #expect(try IdempotencyKey("k").value == "k")
        #expect(try IdempotencyKey(String(repeating: "x", count: 255)).value.count == 255)
        for bad in ["", String(repeating: "x", count: 256), "tab\there", "é"] {
            let error = #expect(throws: DomainError.self) { try IdempotencyKey(bad) }
            #expect(error?.code == "invalid_idempotency_key" && error?.kind == .malformed)
        }
    }
}
