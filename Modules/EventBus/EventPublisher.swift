public import Kernel

/// The port a use case publishes through. The durable implementation appends to the outbox inside the
/// use case's transaction, so the event exists if and only if the state change committed.
public protocol EventPublisher: Sendable {
    /// Records `event` for delivery once the surrounding unit of work commits.
    func publish<E: IntegrationEvent>(_ event: E) async throws
}
