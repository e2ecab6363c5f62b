import EventBus
public import Foundation
public import PaymentsContracts
import PaymentsDomain

extension PaymentsService {
    /// One payment: the order's owner, staff and admins see it; for anyone else it does not exist.
    public func payment(id: UUID, viewer: PaymentViewer) async throws -> PaymentDTO {
        guard let payment = try await store.payments.payment(id: id) else { throw PaymentsErrors.notFound }
        if case .customer(let userId) = viewer, userId != payment.customerId { throw PaymentsErrors.notFound }
        return PaymentDTO(payment)
    }
}
