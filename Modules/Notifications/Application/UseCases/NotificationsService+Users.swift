public import EventBus
public import Foundation
import NotificationsDomain
public import UsersContracts

extension NotificationsService {
    /// `users.user_registered.v1` → "Welcome to …" to the new user (greeted by name when Users knows it).
    public func userRegistered(_ event: UserRegistered, eventId: UUID, in tx: NotificationsTransaction) async throws {
        let recipient = try await customers.recipient(userId: event.userId) ?? Recipient(email: event.email)
        try await deliver(WelcomeMessage(name: recipient.name), to: [recipient], for: eventId, in: tx)
    }
}
