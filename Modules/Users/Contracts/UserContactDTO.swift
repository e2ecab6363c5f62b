public import Foundation

/// How to reach a user, for the contexts that write to people (Notifications): the address and the name to greet.
public struct UserContactDTO: Sendable, Codable, Equatable {
    public var userId: UUID
    public var email: String
    public var name: String

    public init(userId: UUID, email: String, name: String) {
        self.userId = userId
        self.email = email
        self.name = name
    }
}
