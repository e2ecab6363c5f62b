import PaymentsContracts
import PaymentsDomain

extension PaymentDTO {
    init(_ payment: Payment) {
        self.init(id: payment.id, orderId: payment.orderId, amount: payment.amount, status: payment.status.rawValue,
                  provider: payment.provider, providerReference: payment.providerReference,
                  createdAt: payment.createdAt, updatedAt: payment.updatedAt)
    }
}
