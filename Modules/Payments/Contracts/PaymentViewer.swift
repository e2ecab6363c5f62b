public import Foundation

/// Who asks to read a payment: its order's owner sees it, staff and admins see all, anyone else gets `404`.
public enum PaymentViewer: Sendable, Equatable {
    /// A customer, by user id.
    case customer(UUID)
    /// A staff member or an admin.
    case staff
}
