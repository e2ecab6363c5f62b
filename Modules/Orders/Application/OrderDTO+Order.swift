import OrdersContracts
import OrdersDomain

extension OrderDTO {
    init(_ order: Order) {
        self.init(id: order.id, customerId: order.customerId, status: order.status.rawValue,
                  lines: order.lines.map {
                      OrderLineDTO(sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice, expectedShipDate: $0.expectedShipDate)
                  },
                  total: order.total, paymentId: order.paymentId, expectedShipDate: order.expectedShipDate,
                  createdAt: order.createdAt, updatedAt: order.updatedAt)
    }
}

extension StatusChangeDTO {
    init(_ change: StatusChange) {
        self.init(status: change.status.rawValue, at: change.at, reason: change.reason, actor: change.actor, amount: change.amount)
    }
}
