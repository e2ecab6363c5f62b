import PaymentsContracts
import PaymentsDomain

extension PaymentDTO {
    init(_ payment: Payment) {
        self.init(id: payment.id, orderId: payment.orderId, amount: payment.amount, status: payment.status.rawValue,
                  provider: payment.provider, providerReference: payment.providerReference,
                  refundedAmount: payment.refundedAmount,
                  createdAt: payment.createdAt, updatedAt: payment.updatedAt)
    }
}

extension RefundDTO {
    init(_ refund: Refund) {
        self.init(id: refund.id, paymentId: refund.paymentId, amount: refund.amount, status: refund.status.rawValue,
                  reason: refund.reason.text, createdAt: refund.createdAt, updatedAt: refund.updatedAt)
    }
}
