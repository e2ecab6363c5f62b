import Kernel
import OrdersContracts
import OrdersDomain

extension OrderDTO {
    init(_ order: Order) {
        self.init(id: order.id, customerId: order.customerId, status: order.status.rawValue,
                  lines: order.lines.map {
                      OrderLineDTO(sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice, expectedShipDate: $0.expectedShipDate,
                                   shippedQuantity: $0.shippedQuantity)
                  },
                  total: order.total, paymentId: order.paymentId, expectedShipDate: order.expectedShipDate,
                  shippingAddress: order.shippingAddress.map(AddressDTO.init), createdAt: order.createdAt, updatedAt: order.updatedAt)
    }
}

extension StatusChangeDTO {
    init(_ change: StatusChange) {
        self.init(status: change.status.rawValue, at: change.at, reason: change.reason, actor: change.actor, amount: change.amount)
    }
}

extension AddressDTO {
    init(_ address: Address) {
        self.init(name: address.name, line1: address.line1, line2: address.line2, city: address.city,
                  postalCode: address.postalCode, country: address.country, phone: address.phone)
    }
}

extension Address {
    /// The address of a request body, checked; each issue named under `fieldPrefix`.
    init(_ dto: AddressDTO, fieldPrefix: String = "") throws(DomainError) {
        try self.init(name: dto.name, line1: dto.line1, line2: dto.line2, city: dto.city, postalCode: dto.postalCode,
                      country: dto.country, phone: dto.phone, fieldPrefix: fieldPrefix)
    }
}

extension ShipmentDTO {
    init(_ shipment: Shipment) {
        self.init(id: shipment.id, orderId: shipment.orderId, lines: shipment.lines.map(ShipmentLineDTO.init),
                  carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, createdAt: shipment.createdAt)
    }
}

extension ShipmentLineDTO {
    init(_ line: Shipment.Line) { self.init(sku: line.sku, quantity: line.quantity) }
}
