public import Foundation

/// A user as the API shows it (`GET /v1/users/me`, admin endpoints). Never a password or its hash.
public struct UserDTO: Sendable, Codable, Equatable {
    public var id: UUID
    public var email: String
    public var name: String
    /// Sorted role names: `admin`, `customer`, `staff`.
    public var roles: [String]
    /// `active` or `disabled`.
    public var status: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, email: String, name: String, roles: [String], status: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.roles = roles
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
