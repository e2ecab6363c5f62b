import UsersContracts
import UsersDomain

extension UserDTO {
    init(_ user: User) {
        self.init(id: user.id, email: user.email.value, name: user.name.value, roles: user.roles.names,
                  status: user.status.rawValue, createdAt: user.createdAt, updatedAt: user.updatedAt)
    }
}
