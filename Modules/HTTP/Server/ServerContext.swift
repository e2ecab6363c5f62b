import Synchronization

/// What every event loop of one server shares: settings, the responder, and the connection count.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let limits: HTTPParserLimits
    let responder: any HTTPResponder
    let openConnections = Atomic<Int>(0)

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.limits = configuration.parserLimits
        self.responder = responder
    }

    /// Counts a new connection, or refuses it when the cap is reached.
    func admitConnection() -> Bool {
        let count = openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        if count > configuration.maxConnections {
            openConnections.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func connectionClosed() {
        openConnections.wrappingSubtract(1, ordering: .relaxed)
    }
}
