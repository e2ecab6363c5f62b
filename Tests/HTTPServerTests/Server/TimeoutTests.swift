import TestSupport
import Testing
@testable import HTTPServer

@Suite("Timeouts and the connection cap")
struct TimeoutTests {
    @Test func slowHeadersGet408WhileOthersAreServed() async throws {
        // 400 ms leaves the other client ample time to send its request before its own header timeout.
        try await withServer(testConfiguration { $0.headerTimeout = .milliseconds(400) }) { _, port in
            let slow = try #require(TestClient(port: port))
            slow.send("GET / HTTP/1.1\r\nHost: x\r\n")
            let other = try #require(TestClient(port: port))
            other.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(other.readResponse()?.status == 200)
            let response = try #require(slow.readResponse())
            #expect(response.status == 408)
            #expect(response.bodyText.contains("\"code\":\"request_timeout\""))
            #expect(response.header("Connection") == "close")
            #expect(slow.isClosed())
            other.send("GET /still HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(other.readResponse()?.status == 200)
        }
    }

    @Test func silentNewConnectionGets408() async throws {
        try await withServer(testConfiguration { $0.headerTimeout = .milliseconds(200) }) { _, port in
            let silent = try #require(TestClient(port: port))
            #expect(silent.readResponse()?.status == 408)
            #expect(silent.isClosed())
        }
    }

    @Test func slowBodyGets408() async throws {
        try await withServer(testConfiguration { $0.bodyTimeout = .milliseconds(200) }) { _, port in
            let client = try #require(TestClient(port: port))
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            #expect(client.readResponse()?.status == 408)
            #expect(client.isClosed())
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        try await withServer(testConfiguration { $0.idleTimeout = .milliseconds(200) }) { server, port in
            let client = try #require(TestClient(port: port))
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            #expect(client.isClosed())
            #expect(client.pending.isEmpty)
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    @Test func connectionsOverTheCapAreClosedAtOnce() async throws {
        try await withServer(testConfiguration { $0.maxConnections = 2 }) { server, port in
            var first = TestClient(port: port)
            let second = try #require(TestClient(port: port))
            for client in [first, second] {
                client?.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(client?.readResponse()?.status == 200)
            }
            #expect(server.openConnections == 2)
            let third = try #require(TestClient(port: port))
            third.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(third.readResponse() == nil)
            #expect(third.isClosed())
            first = nil
            #expect(await eventually { server.openConnections == 1 })
            let fourth = try #require(TestClient(port: port))
            fourth.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(fourth.readResponse()?.status == 200)
            _ = first
        }
    }
}
