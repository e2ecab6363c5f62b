public import Foundation
public import Kernel

/// Everything the Users context offers App's routes and the other contexts. Errors are `DomainError`s
/// (codes such as `email_taken`, `invalid_credentials`, `too_many_attempts`, `account_disabled`).
public protocol UsersFacade: Sendable {
    /// Registers a customer.
    func register(_ command: RegisterUser) async throws -> UserDTO
    /// Checks the password and opens a new login (token family). `clientAddress` is the caller's address as the
    /// server determined it (`203.0.113.7`, `2001:db8::1`): failed logins are throttled per email and per address.
    func logIn(_ command: LogIn, from clientAddress: String) async throws -> TokenPairDTO
    /// Spends `refreshToken` and returns a new pair; a spent token presented again revokes its login.
    func refresh(_ refreshToken: String) async throws -> TokenPairDTO
    /// Ends the login `refreshToken` belongs to; unknown tokens are ignored.
    func logOut(_ refreshToken: String) async throws
    /// The caller behind a bearer access token, with current roles; `401` when invalid, `403 account_disabled`.
    func authenticate(bearer token: String) async throws -> Principal
    /// The caller's own user.
    func currentUser(_ principal: Principal) async throws -> UserDTO
    /// Renames the caller (`name` 1..100 characters, else `422`).
    func updateProfile(_ principal: Principal, _ command: UpdateProfile) async throws -> UserDTO
    /// Changes the caller's password and revokes all its refresh tokens.
    func changePassword(_ principal: Principal, _ command: ChangePassword) async throws
    /// Admin: users matching the query, keyset-paged by email.
    func listUsers(_ principal: Principal, _ query: UserListQuery) async throws -> Page<UserDTO>
    /// Admin: creates a user with the given roles.
    func createUser(_ principal: Principal, _ command: CreateUser) async throws -> UserDTO
    /// Admin: one user.
    func user(_ principal: Principal, id: UUID) async throws -> UserDTO
    /// How to reach user `id` (no caller: for contexts acting on an event, never for a route); nil for an unknown id.
    func contact(userId id: UUID) async throws -> UserContactDTO?
    /// Admin: renames, changes roles, disables or enables a user.
    func updateUser(_ principal: Principal, id: UUID, _ command: UpdateUser) async throws -> UserDTO
    /// Creates an admin with this email, or does nothing when the email is taken (bootstrap, `create-admin`).
    /// Returns whether a user was created.
    func ensureAdmin(email: String, password: String, name: String) async throws -> Bool
}
