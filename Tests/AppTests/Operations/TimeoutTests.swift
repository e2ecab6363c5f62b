import Foundation
import HTTPServer
import Logging
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// "Operations" of the contract: database timeouts, the request deadline, logs that never block (ADR 13).
@Suite("Timeouts and non-blocking logs", .timeLimit(.minutes(2)))
struct TimeoutTests {
    @Test func oneHeldOrderRowLockDoesNotTakeTheShopDown() async throws {
        // The statement timeout is out of the way: only the lock timeout can end the cancels' wait.
        try await TestApp.run(environment: ["DATABASE_LOCK_TIMEOUT_MS": "500", "DATABASE_STATEMENT_TIMEOUT_MS": "60000"]) { app in
            let (_, customer) = try await app.shop(selling: "LOCK-1", quantity: 10, batch: "B-LOCK")
            let order = try await app.placeOrder([("LOCK-1", 1)], token: customer.token)
            let id = try #require(order["id"] as? String)
            let orderID = try #require(UUID(uuidString: id))
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            let catalog = try await app.http.json("GET", "/v1/products")
            let product = try #require(catalog.items.first?["id"] as? String)

            // Another session holds the order's row, as a stuck transaction or another process would.
            let lock = try await HeldRowLock.take(
                "SELECT 1 FROM orders.orders WHERE id = $1 FOR UPDATE", [.uuid(orderID)], on: app.database.configuration)
            let cancels = Task {
                try await withThrowingTaskGroup(of: (TestClient.Response, Bool).self) { group in
                    for _ in 0..<10 {
                        group.addTask {
                            let response = try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer.token)
                            return (response, lock.isHeld)
                        }
                    }
                    return try await group.reduce(into: [(TestClient.Response, Bool)]()) { $0.append($1) }
                }
            }
            // Once cancels wait on the row (and hold pool connections), everything else must still be served.
            let waiting = await eventually {
                let row = try? await app.database.pool.queryFirst(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
                    [.text(app.database.name)])
                return ((try? row?.decode(Int.self, at: 0)) ?? 0) > 0
            }
            #expect(waiting)
            let ready = try await app.http.send("GET", "/health/ready")
            let read = try await app.http.send("GET", "/v1/products/\(product)")
            let stillHeld = lock.isHeld
            #expect(ready.status == 200)
            #expect(read.status == 200)
            #expect(stillHeld)

            let answers = try await cancels.value
            #expect(answers.count == 10)
            for (response, answeredWhileHeld) in answers {
                #expect(answeredWhileHeld)
                #expect([503, 409].contains(response.status))
                if response.status == 503 {
                    #expect(response.code == "service_unavailable")
                    #expect(response.header("Retry-After") != nil)
                }
            }
            await lock.release()
            // The row is free again: the cancel goes through.
            let cancelled = try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer.token)
            #expect(cancelled.status == 200)
            #expect(cancelled.object["status"] as? String == "cancelled")
        }
    }

    @Test func aRequestPastTheRequestTimeoutIsAnswered503AndItsStatementCancelled() async throws {
        let sleep = "SELECT pg_sleep(20)"
        // The statement timeout is out of the way: only the request deadline can end this request early.
        let environment = ["REQUEST_TIMEOUT_SECONDS": "1", "DATABASE_STATEMENT_TIMEOUT_MS": "60000"]
        try await TestApp.run(environment: environment, extraRoutes: { router, pool in
            router.get("/test/sleep") { _, _ in
                _ = try await pool.query(sleep)
                return HTTPResponse(status: .noContent)
            }
        }) { app in
            let response = try await app.http.send("GET", "/test/sleep")
            #expect(response.status == 503)
            #expect(response.code == "service_unavailable")
            #expect(response.header("Retry-After") == "1")
            // The statement went with the request (PQcancel), it does not sleep on holding a connection.
            let gone = await eventually {
                let row = try? await app.database.pool.queryFirst(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND query = $2 AND state = 'active'",
                    [.text(app.database.name), .text(sleep)])
                return (try? row?.decode(Int.self, at: 0)) == 0
            }
            #expect(gone)
            #expect(try await app.http.send("GET", "/health/ready").status == 200)
        }
    }

    @Test func aBlockedStderrNeitherStallsTheServerNorItsShutdownAndDropsAreCounted() async throws {
        let pipe = try UnreadPipe()
        let writer = LogWriter(fileDescriptor: pipe.writeEnd, capacity: 64)
        try await TestApp.run(logWriter: writer) { app in
            var answered = 0
            for _ in 0..<100 {
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<20 { group.addTask { try await app.http.send("GET", "/health/live").status } }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                answered += statuses.filter { $0 == 200 }.count
            }
            #expect(answered == 2_000)
            #expect(writer.droppedLines > 0)
            let metrics = try await app.http.send("GET", "/metrics").bodyText
            let dropped = metrics.split(separator: "\n").first { $0.hasPrefix("log_lines_dropped_total ") }
                .flatMap { Double($0.split(separator: " ").last ?? "") }
            #expect((dropped ?? 0) > 0)
            // Shutdown ends within the grace period (10 s) although stderr is still blocked.
            app.server.shutdown()
            #expect(await eventually(timeout: .seconds(15)) { (try? await app.server.waitUntilListening()) == nil })
        }
        writer.stop()
        pipe.closeReadEnd()
        #expect(await writer.flush(within: .seconds(10)))
        pipe.closeWriteEnd()
    }

    @Test func lockAndStatementTimeoutsAreA503WithRetryAfterNeverA500() throws {
        for kind in [PostgresError.Kind.lockTimeout, .statementTimeout] {
            let problem = try #require(ProblemMapping.problem(for: PostgresError(kind, message: "x")))
            #expect(problem.status == .serviceUnavailable)
            #expect(problem.code == "service_unavailable")
            #expect(problem.headers["Retry-After"] == "1")
        }
    }

    @Test func timeoutsComeFromTheEnvironmentWithTheContractsDefaults() throws {
        let base = ["DATABASE_URL": "postgresql:///x", "JWT_SECRET": TestApp.jwtSecret, "PAYMENT_WEBHOOK_SECRET": "whsec_configuration_test_secret"]
        let defaults = try Configuration.from(environment: base, for: .serve)
        #expect(defaults.databaseStatementTimeoutMilliseconds == 5_000)
        #expect(defaults.databaseLockTimeoutMilliseconds == 2_000)
        #expect(defaults.databaseIdleInTransactionTimeoutMilliseconds == 60_000)
        #expect(defaults.databaseConnectTimeoutSeconds == 5)
        #expect(defaults.requestTimeoutSeconds == 30)
        let timeouts = Container.databaseTimeouts(defaults)
        #expect(timeouts.statement == .seconds(5) && timeouts.lock == .seconds(2) && timeouts.idleInTransaction == .seconds(60))
        #expect(timeouts.connect == .seconds(5) && timeouts.keepalivesIdle != nil && timeouts.tcpUserTimeout != nil)

        var set = base
        set.merge(["DATABASE_STATEMENT_TIMEOUT_MS": "0", "DATABASE_LOCK_TIMEOUT_MS": "750", "REQUEST_TIMEOUT_SECONDS": "5",
                   "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS": "15000", "DATABASE_CONNECT_TIMEOUT_SECONDS": "3"]) { $1 }
        let configured = try Configuration.from(environment: set, for: .serve)
        #expect(configured.databaseStatementTimeoutMilliseconds == 0)
        #expect(configured.databaseLockTimeoutMilliseconds == 750)
        #expect(configured.databaseIdleInTransactionTimeoutMilliseconds == 15_000)
        #expect(configured.databaseConnectTimeoutSeconds == 3)
        #expect(configured.requestTimeoutSeconds == 5)

        var wrong = base
        wrong.merge(["REQUEST_TIMEOUT_SECONDS": "0", "DATABASE_LOCK_TIMEOUT_MS": "soon"]) { $1 }
        #expect {
            try Configuration.from(environment: wrong, for: .serve)
        } throws: { error in
            (error as? ConfigurationError)?.problems == [
                "DATABASE_LOCK_TIMEOUT_MS must be an integer in 0...86400000",
                "REQUEST_TIMEOUT_SECONDS must be an integer in 1...3600",
            ]
        }
    }
}
