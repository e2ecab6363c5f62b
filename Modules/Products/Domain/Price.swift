public import Kernel

/// A catalog price: money in the store's single currency, 0 ≤ amount ≤ 10^12 minor units.
public struct Price: Hashable, Sendable, CustomStringConvertible {
    /// The largest amount a price may have (10^12 minor units).
    public static let maximumAmount: Int64 = 1_000_000_000_000

    public let money: Money

    /// `422 validation_failed` (field `price.currency`) when `money` is not in `storeCurrency`, as the contract's
    /// conventions say ("a price in another currency is a `422`", code `validation_failed` unless named);
    /// `422 validation_failed` (field `price.amount`) when the amount is out of bounds.
    public init(_ money: Money, storeCurrency: Currency) throws(DomainError) {
        guard money.currency == storeCurrency else {
            throw .validation(field: "price.currency", message: "prices must be in the store currency \(storeCurrency.code)")
        }
        guard (0...Price.maximumAmount).contains(money.amount) else {
            throw .validation(field: "price.amount", message: "must be between 0 and 1000000000000 minor units")
        }
        self.money = money
    }

    /// A price read back from storage, where only checked prices are written: not checked again.
    public init(stored money: Money) { self.money = money }

    public var amount: Int64 { money.amount }

    public var description: String { money.description }
}
