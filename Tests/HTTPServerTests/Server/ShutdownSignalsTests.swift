import Glibc
import Testing
@testable import HTTPServer

/// One test at a time: each installs SIGUSR2 handling and cancels it, restoring the default action (terminate); a
/// signal sent by one test after the other cancelled its handler killed the whole test process.
@Suite("Shutdown signals", .serialized)
struct ShutdownSignalsTests {
    @Test func aSignalShutsTheServerDown() async throws {
        let server = HTTPServer(configuration: testConfiguration(), responder: TestResponder(gate: Gate()))
        // SIGUSR2 rather than SIGTERM so that nothing else in the test process is affected.
        let signals = ShutdownSignals(server: server, signals: [SIGUSR2])
        let running = Task { try await server.run() }
        _ = try await server.waitUntilListening()
        kill(getpid(), SIGUSR2)
        try await running.value
        signals.cancel()
    }

    /// The handler is in place when `init` returns: a signal sent at once is never discarded (with a dispatch signal
    /// source alone it could be, before the source was registered, and the server then ran forever).
    @Test func aSignalSentRightAfterInstallingIsNotLost() async throws {
        for _ in 0..<20 {
            let server = HTTPServer(configuration: testConfiguration(), responder: TestResponder(gate: Gate()))
            let signals = ShutdownSignals(server: server, signals: [SIGUSR2])
            kill(getpid(), SIGUSR2)
            try await server.run()
            signals.cancel()
        }
    }
}
