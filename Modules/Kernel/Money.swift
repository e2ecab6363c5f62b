/// An amount of money in integer minor units (cents) of one currency. No floating point anywhere.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Minor units (1999 is 19.99 EUR). May be negative only where a use case allows it (refund deltas).
    public let amount: Int64
    /// The currency.
    public let currency: Currency

    public init(amount: Int64, currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    public var description: String { "\(amount) \(currency.code)" }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(amount: 0, currency: currency) }

    /// The sum, or a `DomainError` when currencies differ or the sum overflows.
    public func adding(_ other: Money) throws(DomainError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = amount.addingReportingOverflow(other.amount)
        guard !overflow else { throw .validation(code: "amount_out_of_range", field: "amount", message: "amount is out of range") }
        return Money(amount: sum, currency: currency)
    }

    /// This amount times `quantity`, or a `DomainError` on overflow.
    public func multiplied(by quantity: Int) throws(DomainError) -> Money {
        let (product, overflow) = amount.multipliedReportingOverflow(by: Int64(quantity))
        guard !overflow else { throw .validation(code: "amount_out_of_range", field: "amount", message: "amount is out of range") }
        return Money(amount: product, currency: currency)
    }
}
