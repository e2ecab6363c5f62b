import Kernel
import Testing

@Suite("Money and Currency")
struct MoneyTests {
    @Test func currencyAcceptsThreeLettersOnly() {
        #expect(Currency("eur")?.code == "EUR")
        #expect(Currency("EU") == nil)
        #expect(Currency("EURO") == nil)
        #expect(Currency("E1R") == nil)
        #expect(Currency("ÉUR") == nil)
    }

    @Test func addsInOneCurrency() throws {
        let sum = try Money(amount: 1999, currency: .eur).adding(Money(amount: 1, currency: .eur))
        #expect(sum == Money(amount: 2000, currency: .eur))
    }

    @Test func refusesMixedCurrencies() throws {
        let usd = try #require(Currency("USD"))
        #expect(throws: DomainError.currencyMismatch(.eur, usd)) {
            try Money(amount: 1, currency: .eur).adding(Money(amount: 1, currency: usd))
        }
    }

    @Test func refusesOverflowInsteadOfTrapping() {
        #expect(throws: DomainError.self) { try Money(amount: .max, currency: .eur).adding(Money(amount: 1, currency: .eur)) }
        #expect(throws: DomainError.self) { try Money(amount: .max / 2, currency: .eur).multiplied(by: 3) }
        #expect((try? Money(amount: 250, currency: .eur).multiplied(by: 4)) == Money(amount: 1000, currency: .eur))
    }
}
