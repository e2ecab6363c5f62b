import Synchronization
import TestSupport
import Testing
@testable import HTTPServer

@Suite("Concurrency, backpressure and shutdown")
struct ConcurrencyTests {
    @Test func slowHandlerDoesNotStallOtherConnections() async throws {
        let gate = Gate()
        // One loop, so both connections share it: the slow handler must not block the loop.
        try await withServer(testConfiguration { $0.eventLoopCount = 1 }, gate: gate) { _, port in
            let slow = try #require(TestClient(port: port))
            slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await eventually { gate.arrived == 1 })
            let fast = try #require(TestClient(port: port))
            for _ in 0..<3 {
                fast.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(fast.readResponse()?.status == 200)
            }
            gate.open()
            #expect(slow.readResponse()?.status == 200)
        }
    }

    @Test func pipelinedRequestsWaitForTheSlowOneBeforeThem() async throws {
        let gate = Gate()
        try await withServer(gate: gate) { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await eventually { gate.arrived == 1 })
            #expect(client.readResponse(timeout: .milliseconds(50)) == nil)
            gate.open()
            #expect(client.readResponse()?.header("X-Target") == "/slow")
            #expect(client.readResponse()?.header("X-Target") == "/after")
        }
    }

    @Test func gracefulShutdownAnswersInFlightAndRefusesNew() async throws {
        let gate = Gate()
        let server = HTTPServer(configuration: testConfiguration(), responder: TestResponder(gate: gate))
        let finished = Atomic<Bool>(false)
        let running = Task {
            try await server.run()
            finished.store(true, ordering: .sequentiallyConsistent)
        }
        let port = try await server.waitUntilListening()
        let busy = try #require(TestClient(port: port))
        busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        let idle = try #require(TestClient(port: port))
        idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        #expect(await eventually { gate.arrived == 1 })
        server.shutdown()
        server.shutdown()
        #expect(idle.isClosed())
        #expect(await eventually { TestClient(port: port) == nil })
        let finishedEarly = finished.load(ordering: .sequentiallyConsistent)
        #expect(!finishedEarly)
        gate.open()
        let response = try #require(busy.readResponse())
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(busy.isClosed())
        // Like any client told `Connection: close`, close too; the server stops lingering at once.
        _ = consume busy
        try await running.value
        #expect(server.openConnections == 0)
    }

    @Test func shutdownGracePeriodBoundsAStuckHandler() async throws {
        let gate = Gate()
        let server = HTTPServer(configuration: testConfiguration { $0.shutdownGracePeriod = .milliseconds(100); $0.idleTimeout = .milliseconds(400) },
                                responder: TestResponder(gate: gate))
        let running = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        let busy = try #require(TestClient(port: port))
        busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await eventually { gate.arrived == 1 })
        server.shutdown()
        try await running.value
        #expect(busy.isClosed())
        gate.open()
    }

    @Test(arguments: [true, false])
    func manyConcurrentClients(onEventLoops: Bool) async throws {
        try await withServer(testConfiguration { $0.runsHandlersOnEventLoops = onEventLoops }) { server, port in
            let clients = (0..<200).compactMap { _ in TestClient(port: port) }
            #expect(clients.count == 200)
            for (index, client) in clients.enumerated() { client.send("GET /c\(index) HTTP/1.1\r\nHost: x\r\n\r\n") }
            var served = 0
            // A generous deadline: 200 answers on a machine shared with parallel test suites may take a while; what
            // is asserted is that each client gets its own answer, not how fast.
            for (index, client) in clients.enumerated()
            where client.readResponse(timeout: .seconds(30))?.header("X-Target") == "/c\(index)" { served += 1 }
            #expect(served == 200)
            #expect(server.openConnections == 200)
        }
    }

    @Test func largeResponseToAClientThatReadsLate() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            let body = String(repeating: "z", count: 900_000)
            client.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.body.count == 900_000)
            #expect(client.readResponse()?.header("X-Target") == "/after")
        }
    }

    @Test func runFailsWhenThePortIsTaken() async throws {
        try await withServer { _, port in
            let second = HTTPServer(configuration: HTTPServerConfiguration(port: port, eventLoopCount: 1),
                                    responder: TestResponder(gate: Gate()))
            await #expect(throws: HTTPServerError.self) { try await second.run() }
        }
    }
}

@Suite("Backpressure")
struct BackpressureTests {
    @Test func manyPipelinedRequestsFromASlowReaderAreAllAnsweredInOrder() async throws {
        try await withServer(testConfiguration { $0.maxPipelinedBytes = 4096; $0.maxUnsentBytes = 16384 }) { _, port in
            let client = try #require(TestClient(port: port))
            let count = 1000
            var bytes: [UInt8] = []
            for index in 0..<count { bytes += Array("GET /p\(index) HTTP/1.1\r\nHost: x\r\n\r\n".utf8) }
            // A separate thread sends while this one reads: the server stops reading while its answers back up,
            // so a single thread doing both would deadlock exactly like a real pipelining client could.
            Sender.start(fd: client.fd, bytes: bytes)
            var inOrder = 0
            for index in 0..<count where client.readResponse()?.header("X-Target") == "/p\(index)" { inOrder += 1 }
            #expect(inOrder == count)
        }
    }
}

@Suite("Shutdown with a body arriving")
struct ShutdownUploadTests {
    @Test func uploadInProgressIsFinishedAndAnswered() async throws {
        // One loop: it sees the upload's bytes (ready first) no later than the probe's request.
        let server = HTTPServer(configuration: testConfiguration { $0.eventLoopCount = 1 }, responder: TestResponder(gate: Gate()))
        let running = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        let client = try #require(TestClient(port: port))
        client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc")
        // The head must have been read before shutdown starts; an answer on a later connection proves it.
        let probe = try #require(TestClient(port: port))
        probe.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(probe.readResponse()?.status == 200)
        #expect(await eventually { server.openConnections == 2 })
        server.shutdown()
        #expect(probe.isClosed())
        client.send("def")
        let response = try #require(client.readResponse())
        #expect(response.bodyText == "abcdef")
        #expect(response.header("Connection") == "close")
        _ = consume client
        try await running.value
    }
}
