public import Foundation
public import NotificationsDomain

/// Who a user is, to write to them (Users' facade in production).
public protocol CustomerDirectory: Sendable {
    /// The user's address and name; nil for an unknown user.
    func recipient(userId: UUID) async throws -> Recipient?
}
