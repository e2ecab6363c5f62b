import Synchronization
import Testing
@testable import HTTPServer

/// A handler gate: requests to `/slow` wait in it until the test opens it. No sleeps anywhere.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, arrived: Int, waiters: [CheckedContinuation<Void, Never>])>((false, 0, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = state.withLock { state -> Bool in
                state.arrived += 1
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resume { continuation.resume() }
        }
    }

    var arrived: Int { state.withLock { $0.arrived } }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Answers `/health/live` with `{"status":"ok"}`, `/slow` after the gate opens, `/peer` with the peer address the
/// server took at `accept`, `GET /huge` with 16 MiB (more than the kernel buffers of both ends hold), anything else by
/// echoing method, target and body.
struct TestResponder: HTTPResponder {
    let gate: Gate
    static let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 16 << 20)

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        if request.path == "/slow" { await gate.wait() }
        if request.path == "/health/live" {
            return HTTPResponse(headers: ["Content-Type": "application/json"], body: Array(#"{"status":"ok"}"#.utf8))
        }
        if request.path == "/empty" { return HTTPResponse(status: .noContent) }
        if request.path == "/peer" { return HTTPResponse(body: Array((request.remoteAddress?.description ?? "none").utf8)) }
        if request.method == .get, request.path == "/huge" { return HTTPResponse(body: Self.huge) }
        if request.path == "/close" { return HTTPResponse(headers: ["Connection": "close"], body: Array("bye".utf8)) }
        return HTTPResponse(headers: ["X-Method": request.method.rawValue, "X-Target": request.target],
                            body: request.body)
    }
}

/// Runs `body` against a fresh server on an ephemeral port, then shuts it down and waits for `run()`.
func withServer(_ configuration: HTTPServerConfiguration = HTTPServerConfiguration(port: 0, eventLoopCount: 2),
                gate: Gate = Gate(),
                _ body: (HTTPServer, Int) async throws -> Void) async throws {
    var configuration = configuration
    configuration.port = 0
    let server = HTTPServer(configuration: configuration, responder: TestResponder(gate: gate))
    let running = Task { try await server.run() }
    let port = try await server.waitUntilListening()
    do {
        try await body(server, port)
    } catch {
        gate.open()
        server.shutdown()
        try? await running.value
        throw error
    }
    gate.open()
    server.shutdown()
    try await running.value
}

/// A configuration for tests: two loops, port 0, with `change` applied.
func testConfiguration(_ change: (inout HTTPServerConfiguration) -> Void = { _ in }) -> HTTPServerConfiguration {
    var configuration = HTTPServerConfiguration(port: 0, eventLoopCount: 2)
    change(&configuration)
    return configuration
}
