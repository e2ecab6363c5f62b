import Foundation
import HTTPServer
import Kernel
import Postgres
import TestSupport
import Testing
@testable import WharfApp

@Suite("HTTP: Idempotency-Key on POST /v1/orders")
struct IdempotencyKeyTests {
    static func post(_ app: TestApp, body: String, key: String?, token: String) async throws -> TestClient.Response {
        var headers = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")]
        if let key { headers.append(("Idempotency-Key", key)) }
        return try await app.http.send("POST", "/v1/orders", headers: headers, body: Array(body.utf8))
    }

    static let body = #"{"lines":[{"sku":"A","quantity":1}]}"#

    /// A catalog with product `A`, and a customer.
    static func shopWithProductA(_ app: TestApp) async throws -> (token: String, id: String) {
        try await app.createProduct("A", token: try await app.staffToken())
        return try await app.customer("c@example.com")
    }

    @Test func theSameKeyAndBodyReplaysByteForByteAndAnotherBodyIsRefused() async throws {
        try await TestApp.run { app in
            let customer = try await Self.shopWithProductA(app)
            let body = Self.body
            let first = try await Self.post(app, body: body, key: "order-1", token: customer.token)
            #expect(first.status == 201 && first.header("Idempotent-Replayed") == nil)
            let replay = try await Self.post(app, body: body, key: "order-1", token: customer.token)
            #expect(replay.status == 201 && replay.header("Idempotent-Replayed") == "true")
            #expect(replay.body == first.body && replay.header("Location") == first.header("Location"))

            let reused = try await Self.post(app, body: #"{"lines":[{"sku":"A","quantity":2}]}"#, key: "order-1", token: customer.token)
            #expect(reused.status == 422 && reused.code == "idempotency_key_reused")
            // Another user's key of the same name is theirs alone.
            let other = try await app.customer("other@example.com")
            let theirs = try await Self.post(app, body: body, key: "order-1", token: other.token)
            #expect(theirs.status == 201 && theirs.header("Idempotent-Replayed") == nil && theirs.object["id"] as? String != first.object["id"] as? String)
            // Without a key every request is a new order.
            #expect(try await Self.post(app, body: body, key: nil, token: customer.token).object["id"] as? String != first.object["id"] as? String)
            let count = try await app.container.pool.query("SELECT count(*) FROM orders.orders", [])[0].decode(Int.self, at: 0)
            #expect(count == 3)
        }
    }

    @Test func aRequestThatFailedWithA4xxIsNotStoredAndCanBeCorrected() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let customer = try await app.customer("c@example.com")
            let body = #"{"lines":[{"sku":"LATER","quantity":1}]}"#
            let unknown = try await Self.post(app, body: body, key: "retry-me", token: customer.token)
            #expect(unknown.status == 422 && unknown.code == "unknown_sku")
            try await app.createProduct("LATER", token: staff)
            let retried = try await Self.post(app, body: body, key: "retry-me", token: customer.token)
            #expect(retried.status == 201 && retried.header("Idempotent-Replayed") == nil)
        }
    }

    @Test func aBadKeyHeaderIs400() async throws {
        try await TestApp.run { app in
            let customer = try await Self.shopWithProductA(app)
            let body = Self.body
            for key in ["", String(repeating: "k", count: 256)] {
                let response = try await Self.post(app, body: body, key: key, token: customer.token)
                #expect(response.status == 400 && response.code == "invalid_idempotency_key", "\(key.count): \(response.bodyText)")
            }
            let twice = try await app.http.send("POST", "/v1/orders", headers: [
                ("Authorization", "Bearer \(customer.token)"), ("Content-Type", "application/json"),
                ("Idempotency-Key", "a"), ("Idempotency-Key", "b")], body: Array(body.utf8))
            #expect(twice.status == 400 && twice.code == "invalid_idempotency_key")
            #expect(try await Self.post(app, body: body, key: String(repeating: "k", count: 255), token: customer.token).status == 201)
        }
    }

    @Test func concurrentRequestsWithOneKeyFromTwoConnectionsMakeOneOrder() async throws {
        try await TestApp.run { app in
            let customer = try await Self.shopWithProductA(app)
            let body = Self.body
            for round in 0..<4 {
                let responses = try await withThrowingTaskGroup(of: TestClient.Response.self) { group in
                    for _ in 0..<2 { group.addTask { try await Self.post(app, body: body, key: "race-\(round)", token: customer.token) } }
                    return try await group.reduce(into: [TestClient.Response]()) { $0.append($1) }
                }
                let created = responses.filter { $0.status == 201 && $0.header("Idempotent-Replayed") == nil }
                let others = responses.filter { !($0.status == 201 && $0.header("Idempotent-Replayed") == nil) }
                #expect(created.count == 1, "\(responses.map(\.status))")
                for other in others {
                    let inUse = other.status == 409 && other.code == "idempotency_key_in_use"
                    let replayed = other.status == 201 && other.header("Idempotent-Replayed") == "true" && other.body == created.first?.body
                    #expect(inUse || replayed, "\(other.status) \(other.bodyText)")
                }
            }
            let count = try await app.container.pool.query("SELECT count(*) FROM orders.orders", [])[0].decode(Int.self, at: 0)
            #expect(count == 4)
        }
    }
}

@Suite("The idempotency-key purge job")
struct IdempotencyKeyPurgeTests {
    @Test func itDeletesKeysOlderThan24HoursAndKeepsTheOthers() async throws {
        try await TestApp.run { app in
            let customer = try await IdempotencyKeyTests.shopWithProductA(app)
            for key in ["old", "fresh"] {
                #expect(try await IdempotencyKeyTests.post(app, body: IdempotencyKeyTests.body, key: key, token: customer.token).status == 201)
            }
            _ = try await app.container.pool.execute(
                "UPDATE orders.idempotency_keys SET created_at = now() - interval '24 hours 1 second' WHERE key = 'old'")
            // The job `serve` runs every ten minutes, run here every 20 ms through the same loop.
            let job = try #require(app.container.jobs.jobs.first { $0.name == "orders.idempotency_key_purge" })
            let jobs = BackgroundJobs([job.every(.milliseconds(20))], metrics: MetricsRegistry(), logger: app.container.logger)
            let purge = Task { await jobs.run() }
            defer { purge.cancel() }
            #expect(try await eventually {
                try await app.container.pool.query("SELECT key FROM orders.idempotency_keys", []).map { try $0.decode(String.self, at: 0) } == ["fresh"]
            })
            // The purged key is free again: the same request is a new order, not a replay.
            let again = try await IdempotencyKeyTests.post(app, body: IdempotencyKeyTests.body, key: "old", token: customer.token)
            #expect(again.status == 201 && again.header("Idempotent-Replayed") == nil)
        }
    }
}
