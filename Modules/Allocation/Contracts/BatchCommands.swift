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

/// A batch's new purchased quantity (the quantity-only form of `ChangeBatch`).
public struct ChangeBatchQuantity: Sendable, Codable, Equatable {
    public var quantity: Int
    public init(quantity: Int) { self.quantity = quantity }
}

/// `PATCH /v1/batches/{reference}` `{quantity?, eta?}` (staff, admin): at least one member. `eta` a date moves a
/// shipment's ETA; `eta: null` books it as arrived; an absent `eta` leaves it as it is.
public struct ChangeBatch: Sendable, Decodable, Equatable {
    /// What the request says about the ETA.
    public enum ETA: Sendable, Equatable {
        /// `"eta": "YYYY-MM-DD"` (validated by the context).
        case expected(String)
        /// `"eta": null`: the shipment arrived.
        case arrived
    }

    public var quantity: Int?
    /// nil when the member is absent.
    public var eta: ETA?

    public init(quantity: Int? = nil, eta: ETA? = nil) {
        self.quantity = quantity
        self.eta = eta
    }

    enum CodingKeys: String, CodingKey { case quantity, eta }

    /// Tells an absent `eta` (no change) from `"eta": null` (arrived).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        quantity = try container.decodeIfPresent(Int.self, forKey: .quantity)
        if container.contains(.eta) {
            eta = try container.decodeNil(forKey: .eta) ? .arrived : .expected(try container.decode(String.self, forKey: .eta))
        }
    }
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
