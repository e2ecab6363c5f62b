public import Foundation
public import ProductsDomain

/// How a product's sort key is written into a cursor, and read back by repositories: the name as is, the price
/// as its integer amount, the creation time as integer microseconds since 1970 (exact, unlike a `Double`).
public enum ProductCursorKey {
    public static func value(of product: Product, for key: ProductSort.Key) -> String {
        switch key {
        case .name: product.name.value
        case .price: String(product.price.amount)
        case .createdAt: String(microseconds(product.createdAt))
        }
    }

    /// Whole microseconds since 1970, rounded (PostgreSQL keeps timestamps to the microsecond).
    public static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }
}
