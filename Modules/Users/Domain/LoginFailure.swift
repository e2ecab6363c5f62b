public import Foundation

/// One failed login for an email: when, and from which client address. Failures recorded before addresses were
/// kept have none; they count for the email only.
public struct LoginFailure: Sendable, Equatable {
    /// When the attempt was made.
    public var at: Date
    /// The client's address as the server saw it (`203.0.113.7`, `2001:db8::1`), or nil when unknown.
    public var clientAddress: String?

    public init(at: Date, clientAddress: String?) {
        self.at = at
        self.clientAddress = clientAddress
    }
}
