public import Kernel

/// The orders `GET /v1/products` can list in. Every sort is a keyset over (key, id), so ties never repeat or
/// skip a product across pages.
public enum ProductSort: String, Sendable, Hashable, CaseIterable {
    case name = "name"
    case nameDescending = "-name"
    case price = "price"
    case priceDescending = "-price"
    case createdAt = "createdAt"
    case createdAtDescending = "-createdAt"

    /// Newest first.
    public static let `default` = ProductSort.createdAtDescending

    /// The sort named `raw` (nil: the default); `422` (field `sort`) for any other name.
    public init(parsing raw: String?) throws(DomainError) {
        guard let raw, !raw.isEmpty else {
            self = .default
            return
        }
        guard let sort = ProductSort(rawValue: raw) else {
            throw .validation(field: "sort", message: "must be one of: \(ProductSort.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = sort
    }

    /// The key the products are ordered by (then by id, in the same direction).
    public enum Key: Sendable { case name, price, createdAt }

    public var key: Key {
        switch self {
        case .name, .nameDescending: .name
        case .price, .priceDescending: .price
        case .createdAt, .createdAtDescending: .createdAt
        }
    }

    public var isDescending: Bool { rawValue.hasPrefix("-") }
}
