import TestSupport
import Testing
@testable import HTTPServer

@Suite("Robustness")
struct RobustnessTests {
    @Test func randomBytesOverSocketsNeverCrashTheServer() async throws {
        try await withServer(testConfiguration { $0.headerTimeout = .milliseconds(300) }) { server, port in
            var generator = SystemRandomNumberGenerator()
            let prefixes = ["", "GET / HTTP/1.1\r\n", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"]
            for round in 0..<60 {
                let client = try #require(TestClient(port: port))
                let noise = (0..<Int.random(in: 1...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                client.send(Array(prefixes[round % prefixes.count].utf8) + noise)
                _ = client.readResponse(timeout: .milliseconds(5))
            }
            // Still serving, and every noisy connection is eventually closed by a limit or a timeout.
            let check = try #require(TestClient(port: port))
            check.send("GET /alive HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(check.readResponse()?.status == 200)
        }
    }

    @Test func clientVanishingMidRequestIsHarmless() async throws {
        let gate = Gate()
        try await withServer(gate: gate) { server, port in
            do {
                let client = try #require(TestClient(port: port))
                client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(await eventually { gate.arrived == 1 })
            }
            gate.open()
            #expect(await eventually { server.openConnections == 0 })
        }
    }
}
