public import Foundation

/// A shipment as the API shows it (the contract's `Shipment`): `{"id","orderId","lines":[{"sku","quantity"}],
/// "carrier","trackingNumber","createdAt"}`, carrier and tracking number `null` when not given.
public struct ShipmentDTO: Sendable, Codable, Equatable {
    public var id: UUID
    public var orderId: UUID
    public var lines: [ShipmentLineDTO]
    public var carrier: String?
    public var trackingNumber: String?
    public var createdAt: Date

    public init(id: UUID, orderId: UUID, lines: [ShipmentLineDTO], carrier: String?, trackingNumber: String?, createdAt: Date) {
        self.id = id
        self.orderId = orderId
        self.lines = lines
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.createdAt = createdAt
    }
}

/// `{"sku","quantity"}`: one SKU of the order and how many of it a shipment carries (or should carry).
public struct ShipmentLineDTO: Sendable, Codable, Equatable {
    public var sku: String
    public var quantity: Int

    public init(sku: String, quantity: Int) {
        self.sku = sku
        self.quantity = quantity
    }
}

/// `POST /v1/orders/{id}/shipments` `{lines:[{sku,quantity}], carrier?, trackingNumber?}`: raw values, checked by
/// the context against the order.
public struct CreateShipment: Sendable, Codable, Equatable {
    public var lines: [ShipmentLineDTO]
    public var carrier: String?
    public var trackingNumber: String?

    public init(lines: [ShipmentLineDTO], carrier: String? = nil, trackingNumber: String? = nil) {
        self.lines = lines
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }
}

/// Where each line of an order is, as far as shipping goes (App adapts the Allocation facade): the SKUs whose
/// batch is warehouse stock, i.e. can leave now. A line on a batch at sea, or on none, is not among them.
public protocol WarehouseGoods: Sendable {
    /// The normalised SKUs of `orderId`'s lines that are allocated to a batch in the warehouse (ETA null).
    func skusInWarehouse(orderId: UUID) async throws -> Set<String>
}
