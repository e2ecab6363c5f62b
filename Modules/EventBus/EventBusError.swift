/// What can go wrong inside the bus itself (a handler's own errors are passed through unchanged).
public enum EventBusError: Error, Sendable, Equatable {
    /// An envelope was decoded as the wrong event type.
    case nameMismatch(expected: String, actual: String)
    /// A subscriber name was registered twice for one event.
    case duplicateSubscription(event: String, subscriber: String)
}
