/// A typed slot in `RequestContext` for values the application adds (the authenticated principal,
/// a tenant). Declare an empty enum conforming to it and read `context[MyKey.self]`.
public protocol ContextKey {
    /// The type stored under this key.
    associatedtype Value: Sendable
}
