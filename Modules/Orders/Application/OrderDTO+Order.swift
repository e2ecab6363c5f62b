import OrdersContracts
import OrdersDomain

extension OrderDTO {
    init(_ order: Order) {
        self.init(id: order.id, customerId: order.customerId, status: order.status.rawValue,
                  lines: order.lines.map { OrderLineDTO(sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice) },
                  total: order.total, paymentId: order.paymentId, createdAt: order.createdAt, updatedAt: order.updatedAt)
    }
}

extension StatusChangeDTO {
    init(_ change: StatusChange) {
        self.init(status: change.status.rawValue, at: change.at, reason: change.reason, amount: change.amount)
    }
}
