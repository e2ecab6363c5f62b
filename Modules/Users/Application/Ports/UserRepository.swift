public import Foundation
public import Kernel
public import UsersDomain

/// Users as stored. Email uniqueness is the store's: `insert` throws `email_taken` on a clash.
public protocol UserRepository: Sendable {
    func user(id: UUID) async throws -> User?
    /// By normalised email.
    func user(email: String) async throws -> User?
    func insert(_ user: User) async throws
    func update(_ user: User) async throws
    /// Tells every process, once the surrounding transaction commits, that the user's roles or status changed, so
    /// each drops what it cached about the user (`UsersService.forgetPrincipal`) before its next request.
    func announceAccessChange(userID: UUID) async throws
    /// Users matching `filter`, ordered by email then id, after `page.after`; at most `page.limit + 1`
    /// (the extra one tells the caller there is a next page).
    func list(_ filter: UserFilter, page: PageRequest) async throws -> [User]
    /// Serialises changes that may remove an admin until the surrounding transaction ends, then returns how many
    /// active admins there are.
    func lockAdminChangesAndCountActiveAdmins() async throws -> Int
}

/// What `GET /v1/users` filters on.
public struct UserFilter: Sendable, Equatable {
    /// Case-insensitive substring of email or name.
    public var text: String?
    public var role: Role?
    public var status: UserStatus?
    public init(text: String? = nil, role: Role? = nil, status: UserStatus? = nil) {
        self.text = text
        self.role = role
        self.status = status
    }
}
