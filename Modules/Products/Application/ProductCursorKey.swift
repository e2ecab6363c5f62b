import Kernel
public import ProductsDomain

/// How a product's sort key is written into a cursor, and read back by repositories: the name as is, the price
/// as its integer amount, the creation time as integer microseconds since 1970 (exact, unlike a `Double`).
public enum ProductCursorKey {
    public static func value(of product: Product, for key: ProductSort.Key) -> String {
        switch key {
        case .name: product.name.value
        case .price: String(product.price.amount)
        case .createdAt: String(product.createdAt.microsecondsSince1970)
        }
    }
}
