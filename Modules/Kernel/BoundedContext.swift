/// What a bounded context's `make(...)` gives the composition root: the facade other contexts and the routes use,
/// the background jobs it needs run while the server runs, and its listeners: loops that run for as long as the
/// process serves (until their task is cancelled), next to the event relay.
public struct BoundedContext<Facade: Sendable>: Sendable {
    public let facade: Facade
    public let jobs: [BackgroundJob]
    public let listeners: [@Sendable () async -> Void]

    public init(facade: Facade, jobs: [BackgroundJob] = [], listeners: [@Sendable () async -> Void] = []) {
        self.facade = facade
        self.jobs = jobs
        self.listeners = listeners
    }
}
