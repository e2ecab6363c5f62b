import Foundation
import NotificationsApplication
import NotificationsDomain
import UsersContracts

/// Customers' addresses and names from the Users context's facade.
struct UsersDirectory: CustomerDirectory {
    let users: any UsersFacade

    func recipient(userId: UUID) async throws -> Recipient? {
        try await users.contact(userId: userId).map { Recipient(email: $0.email, name: $0.name) }
    }
}
