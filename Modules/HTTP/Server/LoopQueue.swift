/// An event loop's cross-thread inbox; guarded by the loop's mutex.
struct LoopQueue: ~Copyable {
    var work: [LoopWork] = []
    /// Set by the loop just before it blocks in epoll_wait with an empty inbox: only then must a producer
    /// pay for an eventfd write.
    var sleeping = false
    /// After the loop stopped, jobs go to the global executor and closures are dropped.
    var stopped = false

    init() { work.reserveCapacity(256) }
}
