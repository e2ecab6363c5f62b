public import EventBus
import Foundation
import Kernel
public import OrdersContracts
import PaymentsDomain

extension PaymentsService {
    /// `orders.order_cancelled.v1`, handled in the bus's transaction `tx`: a pending payment is cancelled (and its
    /// intent at the provider), a succeeded one refunded; no payment, or one already final, means nothing to do.
    /// A refund the provider cannot take now throws, so the bus delivers the event again later.
    public func orderCancelled(_ event: OrderCancelled, in tx: PaymentsTransaction) async throws {
        guard var payment = try await tx.payments.paymentForUpdate(orderId: event.orderId) else { return }
        let step = payment.cancel(at: clock.now().roundedToMicroseconds)
        try await carryOut(step, on: &payment, in: tx, source: "order cancelled")
    }
}
