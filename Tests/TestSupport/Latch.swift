/// Holds every waiter until it is opened, once; waiting after that returns at once. How a test pauses a handler
/// (a subscriber that must stay busy) and lets it go.
public actor Latch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Returns once the latch is open.
    public func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Opens the latch and releases every waiter.
    public func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters.removeAll()
    }
}
