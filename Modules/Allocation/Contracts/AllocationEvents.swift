public import Foundation
public import Kernel

/// Where one line of an order went.
public struct AllocatedLine: Sendable, Codable, Equatable {
    public var sku: String
    public var quantity: Int
    public var batchReference: String
    /// `YYYY-MM-DD`, or nil for warehouse stock.
    public var eta: String?
    /// `YYYY-MM-DD` (UTC): the day the line can leave the warehouse (docs/adr/0017); nil only in events written before
    /// dates were promised.
    public var expectedShipDate: String?
    public init(sku: String, quantity: Int, batchReference: String, eta: String?, expectedShipDate: String? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.batchReference = batchReference
        self.eta = eta
        self.expectedShipDate = expectedShipDate
    }
}

/// Every line of an order was allocated (all or nothing). Orders goes on to payment.
public struct OrderAllocated: IntegrationEvent, Equatable {
    public static let name = "allocation.order_allocated.v1"
    public var orderId: UUID
    public var lines: [AllocatedLine]
    public init(orderId: UUID, lines: [AllocatedLine]) {
        self.orderId = orderId
        self.lines = lines
    }
}

/// Some line of an order could not be allocated; nothing of the order stays allocated. Orders rejects it.
public struct OrderRejected: IntegrationEvent, Equatable {
    public static let name = "allocation.order_rejected.v1"
    public var orderId: UUID
    /// The SKUs that had too little stock, sorted.
    public var outOfStockSkus: [String]
    public init(orderId: UUID, outOfStockSkus: [String]) {
        self.orderId = orderId
        self.outOfStockSkus = outOfStockSkus
    }
}

/// A line was taken off its batch (the batch shrank, or the order was released).
public struct LineDeallocated: IntegrationEvent, Equatable {
    public static let name = "allocation.line_deallocated.v1"
    public var orderId: UUID
    public var sku: String
    public var quantity: Int
    public var batchReference: String
    /// `batch_quantity_changed` or `order_released`.
    public var reason: String
    public init(orderId: UUID, sku: String, quantity: Int, batchReference: String, reason: String) {
        self.orderId = orderId
        self.sku = sku
        self.quantity = quantity
        self.batchReference = batchReference
        self.reason = reason
    }
}

/// A line that lost its batch found room in another one.
public struct LineReallocated: IntegrationEvent, Equatable {
    public static let name = "allocation.line_reallocated.v1"
    public var orderId: UUID
    public var sku: String
    public var quantity: Int
    public var fromBatchReference: String
    public var toBatchReference: String
    /// `YYYY-MM-DD` of the new batch, or nil for warehouse stock.
    public var eta: String?
    /// `YYYY-MM-DD` (UTC): the line's new expected ship date; nil only in events written before dates were promised.
    public var expectedShipDate: String?
    public init(orderId: UUID, sku: String, quantity: Int, fromBatchReference: String, toBatchReference: String, eta: String?,
                expectedShipDate: String? = nil) {
        self.orderId = orderId
        self.sku = sku
        self.quantity = quantity
        self.fromBatchReference = fromBatchReference
        self.toBatchReference = toBatchReference
        self.eta = eta
        self.expectedShipDate = expectedShipDate
    }
}

/// A line could not be allocated: at placing (then `OrderRejected` follows for its order), or after it lost its
/// batch and no other batch could take it (`orderWasAllocated` true: Orders moves an `awaiting_payment` or
/// `paid` order to `backordered`). The stock manager is notified.
public struct OutOfStock: IntegrationEvent, Equatable {
    public static let name = "allocation.out_of_stock.v1"
    public var sku: String
    public var orderId: UUID
    public var quantity: Int
    /// True when the line had been allocated and lost its batch.
    public var orderWasAllocated: Bool
    public init(sku: String, orderId: UUID, quantity: Int, orderWasAllocated: Bool) {
        self.sku = sku
        self.orderId = orderId
        self.quantity = quantity
        self.orderWasAllocated = orderWasAllocated
    }
}

/// A batch's ETA moved, or it arrived (became warehouse stock): the line of `orderId` on it stays where it is, with a
/// new expected ship date. Orders shows the date and records `eta_changed` (status unchanged).
public struct ShipDateChanged: IntegrationEvent, Equatable {
    public static let name = "allocation.ship_date_changed.v1"
    public var orderId: UUID
    public var sku: String
    public var batchReference: String
    /// The batch's new ETA `YYYY-MM-DD`, or nil when it arrived.
    public var eta: String?
    /// `YYYY-MM-DD` (UTC): the line's new expected ship date.
    public var expectedShipDate: String
    public init(orderId: UUID, sku: String, batchReference: String, eta: String?, expectedShipDate: String) {
        self.orderId = orderId
        self.sku = sku
        self.batchReference = batchReference
        self.eta = eta
        self.expectedShipDate = expectedShipDate
    }
}

/// A backordered line found a batch again (free stock appeared for its SKU). `orderFullyAllocated` when no line
/// of the order is backordered any more: Orders then returns it to the status it had before (`reallocated`).
public struct BackorderedLineAllocated: IntegrationEvent, Equatable {
    public static let name = "allocation.backordered_line_allocated.v1"
    public var orderId: UUID
    public var sku: String
    public var quantity: Int
    public var batchReference: String
    /// `YYYY-MM-DD`, or nil for warehouse stock.
    public var eta: String?
    /// `YYYY-MM-DD` (UTC): the line's expected ship date.
    public var expectedShipDate: String
    /// True when every line of the order has a batch again.
    public var orderFullyAllocated: Bool
    public init(orderId: UUID, sku: String, quantity: Int, batchReference: String, eta: String?, expectedShipDate: String,
                orderFullyAllocated: Bool) {
        self.orderId = orderId
        self.sku = sku
        self.quantity = quantity
        self.batchReference = batchReference
        self.eta = eta
        self.expectedShipDate = expectedShipDate
        self.orderFullyAllocated = orderFullyAllocated
    }
}
