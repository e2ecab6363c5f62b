import EventBus
public import Foundation
public import Kernel
public import PaymentsContracts
import PaymentsDomain

extension PaymentsService {
    /// One payment: the order's owner, staff and admins see it; for anyone else it does not exist.
    public func payment(id: UUID, caller: Caller) async throws -> PaymentDTO {
        guard let payment = try await store.payments.payment(id: id) else { throw PaymentsErrors.notFound }
        if !caller.isStaff, caller.userId != payment.customerId { throw PaymentsErrors.notFound }
        return PaymentDTO(payment)
    }
}
