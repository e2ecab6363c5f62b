public import Foundation
/// A batch as the API shows it (the contract's `Batch`).
public struct BatchDTO: Sendable, Codable, Equatable {
    public var reference: String
    public var sku: String
    public var purchasedQuantity: Int
    public var allocatedQuantity: Int
    public var availableQuantity: Int
    /// `YYYY-MM-DD`, or nil (JSON `null`) for warehouse stock.
    public var eta: String?

    public init(reference: String, sku: String, purchasedQuantity: Int, allocatedQuantity: Int, eta: String?) {
        self.reference = reference
        self.sku = sku
        self.purchasedQuantity = purchasedQuantity
        self.allocatedQuantity = allocatedQuantity
        self.availableQuantity = purchasedQuantity - allocatedQuantity
        self.eta = eta
    }

    enum CodingKeys: String, CodingKey { case reference, sku, purchasedQuantity, allocatedQuantity, availableQuantity, eta }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(sku, forKey: .sku)
        try container.encode(purchasedQuantity, forKey: .purchasedQuantity)
        try container.encode(allocatedQuantity, forKey: .allocatedQuantity)
        try container.encode(availableQuantity, forKey: .availableQuantity)
        // Always present: `null` says "warehouse stock".
        try container.encode(eta, forKey: .eta)
    }
}

/// One allocated line of an order (`GET /v1/allocations/{orderId}`).
public struct AllocationViewDTO: Sendable, Codable, Equatable {
    public var sku: String
    public var batchReference: String
    public init(sku: String, batchReference: String) {
        self.sku = sku
        self.batchReference = batchReference
    }
}

/// Where one line of an order is, as fulfilment needs it: its batch and whether that batch is warehouse stock
/// (ETA `null`), i.e. whether the goods can leave now.
public struct LineBatchDTO: Sendable, Codable, Equatable {
    public var sku: String
    public var batchReference: String
    public var inWarehouse: Bool
    public init(sku: String, batchReference: String, inWarehouse: Bool) {
        self.sku = sku
        self.batchReference = batchReference
        self.inWarehouse = inWarehouse
    }
}

/// `GET /v1/stock/{sku}`: free quantity over all batches and over warehouse batches, and the earliest ETA of a
/// shipment that still has free stock.
public struct StockLevelDTO: Sendable, Codable, Equatable {
    public var sku: String
    public var available: Int
    public var warehouseAvailable: Int
    /// `YYYY-MM-DD` or nil (JSON `null`).
    public var nextEta: String?

    public init(sku: String, available: Int, warehouseAvailable: Int, nextEta: String?) {
        self.sku = sku
        self.available = available
        self.warehouseAvailable = warehouseAvailable
        self.nextEta = nextEta
    }

    enum CodingKeys: String, CodingKey { case sku, available, warehouseAvailable, nextEta }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sku, forKey: .sku)
        try container.encode(available, forKey: .available)
        try container.encode(warehouseAvailable, forKey: .warehouseAvailable)
        try container.encode(nextEta, forKey: .nextEta)
    }
}

/// `PATCH /v1/batches/{reference}?dryRun=true`: the batch as the change would leave it, and what it would do to orders.
public struct BatchChangePreviewDTO: Sendable, Encodable, Equatable {
    public var batch: BatchDTO
    public var affectedOrders: [AffectedOrderDTO]
    public init(batch: BatchDTO, affectedOrders: [AffectedOrderDTO]) {
        self.batch = batch
        self.affectedOrders = affectedOrders
    }
}

/// One order a batch change would touch: its line of the batch's SKU would get a new date (`eta_changed`), move to
/// another batch (`reallocated`) or lose its batch (`backordered`, date null).
public struct AffectedOrderDTO: Sendable, Encodable, Equatable {
    public var orderId: UUID
    /// `eta_changed`, `reallocated` or `backordered`.
    public var change: String
    /// `YYYY-MM-DD`: the new expected ship date of the order's line of this SKU; nil when backordered.
    public var expectedShipDate: String?
    public init(orderId: UUID, change: String, expectedShipDate: String?) {
        self.orderId = orderId
        self.change = change
        self.expectedShipDate = expectedShipDate
    }
}
