public import Kernel

/// `POST /v1/batches` (staff, admin). `eta` nil or absent: warehouse stock.
public struct AddBatch: Sendable, Codable, Equatable {
    public var reference: String
    public var sku: String
    public var quantity: Int
    /// `YYYY-MM-DD`.
    public var eta: String?

    public init(reference: String, sku: String, quantity: Int, eta: String? = nil) {
        self.reference = reference
        self.sku = sku
        self.quantity = quantity
        self.eta = eta
    }
}

/// `PATCH /v1/batches/{reference}` (staff, admin).
public struct ChangeBatchQuantity: Sendable, Codable, Equatable {
    public var quantity: Int
    public init(quantity: Int) { self.quantity = quantity }
}

/// `GET /v1/batches?sku=&limit=&cursor=`: raw values, validated by the context.
public struct BatchListQuery: Sendable, Equatable {
    public var sku: String?
    public var limit: Int
    public var cursor: String?

    public init(sku: String? = nil, limit: Int = PageRequest.defaultLimit, cursor: String? = nil) {
        self.sku = sku
        self.limit = limit
        self.cursor = cursor
    }
}
