/// To a user who just registered: welcome to the shop.
public struct WelcomeMessage: MessageTemplate {
    public static let kind = MessageKind.welcome
    public var name: String?

    public init(name: String?) { self.name = name }

    public func subject(shop: String) -> String { "Welcome to \(shop)" }

    public func blocks(shop: String) -> [MessageBlock] {
        [.greeting(name),
         .paragraph("Welcome to \(shop). Your account is ready: you can sign in and place orders."),
         .paragraph("We will write to you here about your orders.")]
    }
}
