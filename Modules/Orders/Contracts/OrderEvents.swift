public import Foundation
public import Kernel

/// One line of a placed order as the other contexts see it: the SKU (normalised), how many, and the unit price
/// the catalog had at placing time.
public struct OrderLineItem: Sendable, Codable, Equatable {
    public var sku: String
    public var quantity: Int
    public var unitPrice: Money
    public init(sku: String, quantity: Int, unitPrice: Money) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

/// An order was placed (`pending`). Allocation allocates its lines, all or nothing.
public struct OrderPlaced: IntegrationEvent, Equatable {
    public static let name = "orders.order_placed.v1"
    public var orderId: UUID
    public var customerId: UUID
    public var lines: [OrderLineItem]
    public var total: Money
    public init(orderId: UUID, customerId: UUID, lines: [OrderLineItem], total: Money) {
        self.orderId = orderId
        self.customerId = customerId
        self.lines = lines
        self.total = total
    }
}

/// Every line of the order was allocated and its payment requested (`pending` → `awaiting_payment`).
public struct OrderAwaitingPayment: IntegrationEvent, Equatable {
    public static let name = "orders.order_awaiting_payment.v1"
    public var orderId: UUID
    public var customerId: UUID
    public var paymentId: UUID
    public var total: Money
    public init(orderId: UUID, customerId: UUID, paymentId: UUID, total: Money) {
        self.orderId = orderId
        self.customerId = customerId
        self.paymentId = paymentId
        self.total = total
    }
}

/// An allocated line lost its stock and found no other (`awaiting_payment` or `paid` → `backordered`).
public struct OrderBackordered: IntegrationEvent, Equatable {
    public static let name = "orders.order_backordered.v1"
    public var orderId: UUID
    public var customerId: UUID
    /// The SKU whose stock ran out.
    public var sku: String
    public init(orderId: UUID, customerId: UUID, sku: String) {
        self.orderId = orderId
        self.customerId = customerId
        self.sku = sku
    }
}

/// The order's expected ship date (the latest of its lines') changed while it holds stock: a batch's ETA moved or
/// it arrived, or a line moved to another batch. Either date is nil while some line has none.
public struct OrderShipDateChanged: IntegrationEvent, Equatable {
    public static let name = "orders.order_ship_date_changed.v1"
    public var orderId: UUID
    public var customerId: UUID
    /// `YYYY-MM-DD`: the order's date before.
    public var previousExpectedShipDate: String?
    /// `YYYY-MM-DD`: the order's date now.
    public var expectedShipDate: String?
    public init(orderId: UUID, customerId: UUID, previousExpectedShipDate: String?, expectedShipDate: String?) {
        self.orderId = orderId
        self.customerId = customerId
        self.previousExpectedShipDate = previousExpectedShipDate
        self.expectedShipDate = expectedShipDate
    }
}

/// An order was cancelled (from `pending`, `awaiting_payment`, `paid` or `backordered`). Allocation releases its
/// stock; Payments cancels a pending payment or refunds a succeeded one (it looks the payment up by order id).
public struct OrderCancelled: IntegrationEvent, Equatable {
    public static let name = "orders.order_cancelled.v1"
    public var orderId: UUID
    public var customerId: UUID
    /// The status the order had before (`pending`, `awaiting_payment`, `paid`, `backordered`).
    public var previousStatus: String
    /// The order's payment, when one was created.
    public var paymentId: UUID?
    public init(orderId: UUID, customerId: UUID, previousStatus: String, paymentId: UUID?) {
        self.orderId = orderId
        self.customerId = customerId
        self.previousStatus = previousStatus
        self.paymentId = paymentId
    }
}

/// The order's payment failed (`awaiting_payment` → `payment_failed`). Allocation releases its stock.
public struct OrderPaymentFailed: IntegrationEvent, Equatable {
    public static let name = "orders.order_payment_failed.v1"
    public var orderId: UUID
    public var customerId: UUID
    public var paymentId: UUID
    public init(orderId: UUID, customerId: UUID, paymentId: UUID) {
        self.orderId = orderId
        self.customerId = customerId
        self.paymentId = paymentId
    }
}

/// The order was paid (`awaiting_payment` → `paid`).
public struct OrderPaid: IntegrationEvent, Equatable {
    public static let name = "orders.order_paid.v1"
    public var orderId: UUID
    public var customerId: UUID
    public var paymentId: UUID
    public var total: Money
    public init(orderId: UUID, customerId: UUID, paymentId: UUID, total: Money) {
        self.orderId = orderId
        self.customerId = customerId
        self.paymentId = paymentId
        self.total = total
    }
}

/// Staff marked the order shipped (`paid` → `shipped`).
public struct OrderShipped: IntegrationEvent, Equatable {
    public static let name = "orders.order_shipped.v1"
    public var orderId: UUID
    public var customerId: UUID
    public init(orderId: UUID, customerId: UUID) {
        self.orderId = orderId
        self.customerId = customerId
    }
}

/// Staff marked the order delivered (`shipped` → `delivered`).
public struct OrderDelivered: IntegrationEvent, Equatable {
    public static let name = "orders.order_delivered.v1"
    public var orderId: UUID
    public var customerId: UUID
    public init(orderId: UUID, customerId: UUID) {
        self.orderId = orderId
        self.customerId = customerId
    }
}

/// Goods of the order left the warehouse (`POST /v1/orders/{id}/shipments`, or `PATCH …/status` `shipped`): what,
/// and how to follow it, so the customer can be told "On its way". Published in the shipment's transaction.
public struct ShipmentCreated: IntegrationEvent, Equatable {
    public static let name = "orders.shipment_created.v1"
    public var orderId: UUID
    public var customerId: UUID
    public var shipmentId: UUID
    public var lines: [ShipmentLineDTO]
    public var carrier: String?
    public var trackingNumber: String?
    public init(orderId: UUID, customerId: UUID, shipmentId: UUID, lines: [ShipmentLineDTO], carrier: String?,
                trackingNumber: String?) {
        self.orderId = orderId
        self.customerId = customerId
        self.shipmentId = shipmentId
        self.lines = lines
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }
}
