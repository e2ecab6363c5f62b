public import Kernel

/// A batch of stock was added (staff booked a purchase). Allocation's stock levels follow it.
public struct BatchAdded: IntegrationEvent, Equatable {
    public static let name = "allocation.batch_added.v1"
    public var reference: String
    public var sku: String
    public var quantity: Int
    /// `YYYY-MM-DD`, or nil for warehouse stock.
    public var eta: String?
    public init(reference: String, sku: String, quantity: Int, eta: String?) {
        self.reference = reference
        self.sku = sku
        self.quantity = quantity
        self.eta = eta
    }
}

/// A batch's purchased quantity was changed (lines it could no longer hold follow as `LineDeallocated`, then
/// `LineReallocated` or `OutOfStock`).
public struct BatchQuantityChanged: IntegrationEvent, Equatable {
    public static let name = "allocation.batch_quantity_changed.v1"
    public var reference: String
    public var sku: String
    public var oldQuantity: Int
    public var newQuantity: Int
    public init(reference: String, sku: String, oldQuantity: Int, newQuantity: Int) {
        self.reference = reference
        self.sku = sku
        self.oldQuantity = oldQuantity
        self.newQuantity = newQuantity
    }
}

/// A shipment's ETA moved, or it arrived (`newEta` nil: it is warehouse stock now). The lines on it keep their batch;
/// each gets a new date (`ShipDateChanged`).
public struct BatchETAChanged: IntegrationEvent, Equatable {
    public static let name = "allocation.batch_eta_changed.v1"
    public var reference: String
    public var sku: String
    /// `YYYY-MM-DD`.
    public var oldEta: String?
    /// `YYYY-MM-DD`, or nil when the batch arrived.
    public var newEta: String?
    public init(reference: String, sku: String, oldEta: String?, newEta: String?) {
        self.reference = reference
        self.sku = sku
        self.oldEta = oldEta
        self.newEta = newEta
    }
}
