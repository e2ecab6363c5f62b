/// Who a message goes to: an address and, when known, the name to greet.
public struct Recipient: Sendable, Hashable {
    public var email: String
    public var name: String?

    public init(email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }
}
