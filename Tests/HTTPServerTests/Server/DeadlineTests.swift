import Dispatch
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing
@testable import HTTPServer

@Suite("Request and send deadlines")
struct DeadlineTests {
    @Test func aHandlerPastTheRequestTimeoutIsCancelledAndAnswered503WithRetryAfter() async throws {
        let logs = RouterLogCapture()
        let sawCancellation = Locked(false)
        let router = Router()
        router.get("/sleep") { _, _ in
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                sawCancellation.replace(true)
                throw error
            }
            return HTTPResponse(body: Array("woke up".utf8))
        }
        router.get("/fast") { _, _ in HTTPResponse(body: Array("fast".utf8)) }
        let responder = try router.buildResponder(RouterConfiguration(logger: logs.logger))
        try await withResponder(responder, testConfiguration { $0.requestTimeout = .milliseconds(300) }) { _, port in
            let (answer, next) = await onOwnThread { () -> (TestClient.Response?, TestClient.Response?) in
                guard let client = TestClient(port: port) else { return (nil, nil) }
                client.send("GET /sleep HTTP/1.1\r\nHost: x\r\n\r\n")
                let answer = client.readResponse(timeout: .seconds(20))
                // The connection stays usable: the handler answered (cooperatively), so nothing was abandoned.
                client.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
                return (answer, client.readResponse())
            }
            let response = try #require(answer)
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.bodyText.contains("\"code\":\"service_unavailable\""))
            #expect(response.header("X-Request-Id") != nil)
            #expect(sawCancellation.snapshot)
            #expect(next?.bodyText == "fast")
            #expect(logs.all.contains { $0.contains("\"route\":\"/sleep\"") && $0.contains("\"status\":503") })
        }
    }

    @Test func aHandlerThatIgnoresCancellationIsAnsweredByTheServerAndTheConnectionClosed() async throws {
        let gate = Gate()
        try await withServer(testConfiguration { $0.requestTimeout = .milliseconds(300) }, gate: gate) { _, port in
            let (answer, closed) = await onOwnThread { () -> (TestClient.Response?, Bool) in
                guard let stuck = TestClient(port: port) else { return (nil, false) }
                stuck.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
                return (stuck.readResponse(timeout: .seconds(20)), stuck.isClosed())
            }
            let response = try #require(answer)
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect(response.header("Connection") == "close")
            #expect(response.bodyText.contains("\"code\":\"service_unavailable\""))
            #expect(closed)
            // The handler's late answer goes nowhere, and the server keeps serving.
            gate.open()
            let other = try #require(TestClient(port: port))
            other.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(other.readResponse()?.status == 200)
        }
    }

    @Test func aClientReadingAByteEveryFewHundredMillisecondsIsCutOffAtTheSendDeadline() async throws {
        // The idle (write-progress) timeout stays at its default: only the send deadline can end this connection.
        let configuration = testConfiguration { $0.sendTimeout = .seconds(1) }
        try await withServer(configuration) { server, port in
            let reader = try #require(SlowReader(port: port))
            reader.send("GET /huge HTTP/1.1\r\nHost: x\r\n\r\n")
            reader.start(every: .milliseconds(200))
            #expect(await eventually { reader.bytesRead > 0 })
            #expect(await eventually(timeout: .seconds(20)) { server.openConnections == 0 })
            await reader.stop()
            // Other clients were never affected.
            let other = try #require(TestClient(port: port))
            other.send("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(other.readResponse()?.status == 200)
        }
    }

    @Test func aResponseReadAtNormalSpeedIsNotCutOff() async throws {
        try await withServer(testConfiguration { $0.sendTimeout = .seconds(5) }) { _, port in
            let count = await onOwnThread { () -> Int? in
                guard let client = TestClient(port: port) else { return nil }
                client.send("GET /huge HTTP/1.1\r\nHost: x\r\n\r\n")
                return client.readResponse(timeout: .seconds(60))?.body.count
            }
            #expect(count == TestResponder.huge.count)
        }
    }
}

/// Runs `body` against a server answering with `responder`, then shuts it down and waits for `run()`.
func withResponder(_ responder: some HTTPResponder, _ configuration: HTTPServerConfiguration,
                   _ body: (HTTPServer, Int) async throws -> Void) async throws {
    let server = HTTPServer(configuration: configuration, responder: responder)
    let running = Task { try await server.run() }
    let port = try await server.waitUntilListening()
    do {
        try await body(server, port)
    } catch {
        server.shutdown()
        try? await running.value
        throw error
    }
    server.shutdown()
    try await running.value
}

/// A client with a tiny receive buffer that reads one byte at a time on a thread of its own, the way
/// `slowhttptest -X` holds a response: it reads, so the connection never looks idle, but almost nothing.
final class SlowReader: Sendable {
    let fd: Int32
    private let read = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init?(port: Int) {
        guard let fd = TestClient.connectToLoopback(port: port, receiveBuffer: 4096) else { return nil }
        self.fd = fd
    }

    var bytesRead: Int { read.load(ordering: .relaxed) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func start(every interval: Duration) {
        let pause = UInt32(interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000)
        let thread = Thread { [self] in
            var byte: UInt8 = 0
            while !stopped.load(ordering: .relaxed) {
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&descriptor, 1, 100) > 0 {
                    guard recv(fd, &byte, 1, 0) == 1 else { break }
                    read.add(1, ordering: .relaxed)
                }
                usleep(pause)
            }
            done.signal()
        }
        thread.start()
    }

    /// Stops the reading thread and closes the socket once the thread is done with it.
    func stop() async {
        stopped.store(true, ordering: .relaxed)
        await withCheckedContinuation { continuation in
            Thread {
                self.done.wait()
                close(self.fd)
                continuation.resume()
            }.start()
        }
    }
}
