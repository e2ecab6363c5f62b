import Foundation
import Kernel
import ProductsDomain
import Testing

@Suite("Products domain")
struct ProductRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func eur(_ amount: Int64) -> Money { Money(amount: amount, currency: .eur) }

    static func product() throws -> Product {
        Product(id: UUID(), sku: try SKU("chair-1"), name: try ProductName("Red Chair"), description: .empty,
                category: try Category("Chairs"), price: try Price(eur(1999), storeCurrency: .eur), createdAt: now, updatedAt: now)
    }

    @Test func skuIsTrimmedUpperCasedAndValidated() throws {
        #expect(try SKU("  red-chair-01 ").value == "RED-CHAIR-01")
        #expect(try SKU("a").value == "A")
        #expect(try SKU(String(repeating: "X", count: 64)).value.count == 64)
        for bad in ["", "   ", "-ABC", "AB_C", "AB C", "ÄBC", String(repeating: "X", count: 65), "ab.c", "abc\n1"] {
            let error = #expect(throws: DomainError.self, "\(bad)") { try SKU(bad) }
            #expect(error?.kind == .validation && error?.fields.first?.field == "sku")
        }
    }

    @Test func nameDescriptionAndCategoryBounds() throws {
        #expect(try ProductName("  Chair ").value == "Chair")
        #expect(throws: DomainError.self) { try ProductName(" ") }
        #expect(throws: DomainError.self) { try ProductName(String(repeating: "n", count: 201)) }
        #expect(throws: DomainError.self) { try ProductName("a\u{7}b") }
        #expect(try ProductDescription("").value == "")
        #expect(try ProductDescription("line\nnext\ttab").value == "line\nnext\ttab")
        #expect(throws: DomainError.self) { try ProductDescription(String(repeating: "d", count: 5001)) }
        #expect(throws: DomainError.self) { try ProductDescription("nul\u{0}") }
        #expect(try Category(" Chairs ").value == "Chairs")
        #expect(throws: DomainError.self) { try Category("") }
        #expect(throws: DomainError.self) { try Category(String(repeating: "c", count: 101)) }
    }

    @Test func priceIsInTheStoreCurrencyAndWithinBounds() throws {
        #expect(try Price(Self.eur(0), storeCurrency: .eur).amount == 0)
        #expect(try Price(Self.eur(1_000_000_000_000), storeCurrency: .eur).amount == 1_000_000_000_000)
        #expect(throws: DomainError.self) { try Price(Self.eur(-1), storeCurrency: .eur) }
        #expect(throws: DomainError.self) { try Price(Self.eur(1_000_000_000_001), storeCurrency: .eur) }
        let mismatch = #expect(throws: DomainError.self) { try Price(Money(amount: 5, currency: Currency("USD")!), storeCurrency: .eur) }
        #expect(mismatch?.code == "validation_failed" && mismatch?.kind == .validation)
        #expect(mismatch?.fields.map(\.field) == ["price.currency"])
    }

    @Test func updateReportsWhatChangedAndBumpsTheVersionOnlyThen() throws {
        var product = try Self.product()
        let later = Self.now.addingTimeInterval(60)
        let nothing = product.update(ProductChange(name: try ProductName("Red Chair"), category: try Category("Chairs")), at: later)
        #expect(!nothing.changed && product.version == 1 && product.updatedAt == Self.now)

        let renamed = product.update(ProductChange(name: try ProductName("Blue Chair")), at: later)
        #expect(renamed.changedFields == ["name"] && !renamed.priceChanged)
        #expect(product.version == 2 && product.updatedAt == later && product.name.value == "Blue Chair")

        let repriced = product.update(ProductChange(description: try ProductDescription("Soft"),
                                                    price: try Price(Self.eur(2499), storeCurrency: .eur)), at: later)
        #expect(repriced.changedFields == ["description", "price"] && repriced.priceChanged)
        #expect(repriced.oldPrice.amount == 1999 && repriced.newPrice.amount == 2499 && product.version == 3)
    }

    @Test func discontinueIsSoftAndIdempotent() throws {
        var product = try Self.product()
        let first = product.discontinue(at: Self.now.addingTimeInterval(1))
        #expect(first)
        #expect(product.status == .discontinued && !product.isActive && product.version == 2)
        let again = product.discontinue(at: Self.now.addingTimeInterval(2))
        #expect(!again)
        #expect(product.version == 2 && product.sku.value == "CHAIR-1")
    }

    @Test func sortsParseTheSixNamesAndDefaultToNewestFirst() throws {
        #expect(try ProductSort(parsing: nil) == .createdAtDescending)
        #expect(try ProductSort(parsing: "") == .createdAtDescending)
        let names = ["name", "-name", "price", "-price", "createdAt", "-createdAt"]
        #expect(try names.map { try ProductSort(parsing: $0).rawValue } == names)
        #expect(try ProductSort(parsing: "-price").isDescending && !(try ProductSort(parsing: "price").isDescending))
        #expect(try ProductSort(parsing: "-price").key == .price)
        for bad in ["Name", "+price", "created_at", "id"] {
            let error = #expect(throws: DomainError.self) { try ProductSort(parsing: bad) }
            #expect(error?.fields.first?.field == "sort")
        }
    }

    @Test func searchTermsKeepOnlyWordsSoOperatorsAreHarmless() throws {
        #expect(try SearchTerms("  Chai  RED ")?.words == ["chai", "red"])
        #expect(try SearchTerms("a&b|!c():*'\\d")?.words == ["a", "b", "c", "d"])
        #expect(try SearchTerms("&|!():*'\\ <->") == nil)
        #expect(try SearchTerms("") == nil)
        #expect(try SearchTerms(nil) == nil)
        #expect(try SearchTerms("chai")!.matches("Red Chair"))
        #expect(try !SearchTerms("hair")!.matches("Red Chair"))
        #expect(try SearchTerms("chai red")!.matches("Red Chair"))
        #expect(try !SearchTerms("chai blue")!.matches("Red Chair"))
        #expect(try SearchTerms("Stühl")!.matches("Großer Stühle"))
        #expect(throws: DomainError.self) { try SearchTerms((1...17).map { "w\($0)" }.joined(separator: " ")) }
        #expect(throws: DomainError.self) { try SearchTerms(String(repeating: "\u{1100}", count: 700) + " chair") }
        #expect(try SearchTerms((1...16).map { "w\($0)" }.joined(separator: " "))?.words.count == 16)
    }
}
