/// Work handed to an event loop from any thread: a Swift job, or a closure to run on the loop.
enum LoopWork: Sendable {
    case job(UnownedJob)
    case closure(@Sendable () -> Void)
}
