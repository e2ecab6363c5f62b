/// Polls `condition` every few milliseconds until it holds or `timeout` passes, and says whether it held.
/// The way tests wait for something another thread or process does: it returns as soon as the condition
/// holds, and the timeout only matters when the test is about to fail.
public func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
