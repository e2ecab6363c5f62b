/// An event one bounded context publishes for the others. It lives in the publisher's Contracts target,
/// carries primitives only, and is named `<context>.<what_happened>.v<version>` (e.g. `orders.order_placed.v1`).
/// A published name never changes meaning: a new shape is a new version.
public protocol IntegrationEvent: Codable, Sendable {
    /// The stable, versioned name the event is stored and routed under.
    static var name: String { get }
}
