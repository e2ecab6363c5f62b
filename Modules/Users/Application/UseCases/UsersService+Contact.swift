import EventBus
public import Foundation
public import UsersContracts
import UsersDomain

extension UsersService {
    /// How to reach user `id`, for another context acting on one of this context's events (no caller, no route).
    public func contact(userId id: UUID) async throws -> UserContactDTO? {
        guard let user = try await store.users.user(id: id) else { return nil }
        return UserContactDTO(userId: user.id, email: user.email.value, name: user.name.value)
    }
}
