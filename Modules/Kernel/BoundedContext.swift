/// What a bounded context's `make(...)` gives the composition root: the facade other contexts and the routes use,
/// and the background jobs it needs run while the server runs.
public struct BoundedContext<Facade: Sendable>: Sendable {
    public let facade: Facade
    public let jobs: [BackgroundJob]

    public init(facade: Facade, jobs: [BackgroundJob] = []) {
        self.facade = facade
        self.jobs = jobs
    }
}
