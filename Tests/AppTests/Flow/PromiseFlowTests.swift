import Foundation
import HTTPServer
import Kernel
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// "Promises: when will it ship?" of the contract, end to end over HTTP with the real contexts behind it (ADR 17).
@Suite("HTTP: goods at sea, promised")
struct PromiseFlowTests {
    /// Today's UTC date, `YYYY-MM-DD`.
    static func today() -> String {
        let days = Int64((Date().timeIntervalSince1970 / 86_400).rounded(.down))
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        return String(format: "%04d-%02d-%02d", Int(y), Int(m), Int(d))
    }

    /// Whether `date` is today, read around the call (a test running over midnight UTC accepts either day).
    static func isToday(_ date: Any?, since start: String) -> Bool {
        guard let date = date as? String else { return false }
        return date == start || date == today()
    }

    static func lineDates(_ order: [String: Any]) -> [String?] {
        (order["lines"] as? [[String: Any]] ?? []).map { $0["expectedShipDate"] as? String }
    }

    static func history(_ app: TestApp, _ id: String, token: String) async throws -> [[String: Any]] {
        try await app.http.json("GET", "/v1/orders/\(id)/history", token: token).items
    }

    @Test func anOrderOnAShipIsPromisedTheETAPlusHandlingFollowsALateShipAndShipsOnceArrived() async throws {
        try await TestApp.run { app in
            let start = Self.today()
            let staff = try await app.staffToken()
            try await app.createProduct("A", price: 1500, token: staff)
            try await app.addBatch("ship", sku: "A", quantity: 10, eta: "2030-01-10", token: staff)
            let customer = try await app.customer("c@example.com")
            let placed = try await app.placeOrder([("A", 2)], token: customer.token)
            #expect(placed["expectedShipDate"] is NSNull && Self.lineDates(placed) == [nil], "pending: no date yet")
            let id = try #require(placed["id"] as? String)
            try await app.settlePayment(of: id, .succeeded, token: customer.token)
            let paid = try await app.awaitOrder(id, status: "paid", token: customer.token)
            #expect(paid["expectedShipDate"] as? String == "2030-01-12" && Self.lineDates(paid) == ["2030-01-12"])

            // The dry run shows the damage and stores nothing.
            let preview = try await app.http.json("PATCH", "/v1/batches/ship?dryRun=true", ["eta": "2030-02-01"], token: staff)
            #expect(preview.status == 200)
            #expect((preview.object["batch"] as? [String: Any])?["eta"] as? String == "2030-02-01")
            let affected = try #require(preview.object["affectedOrders"] as? [[String: Any]])
            #expect(affected.count == 1 && affected.first?["orderId"] as? String == id)
            #expect(affected.first?["change"] as? String == "eta_changed" && affected.first?["expectedShipDate"] as? String == "2030-02-03")
            #expect(try await app.http.json("GET", "/v1/batches/ship", token: staff).object["eta"] as? String == "2030-01-10")
            let outbox = try await app.container.pool.query("SELECT count(*) FROM messaging.outbox WHERE name LIKE 'allocation.%eta%'", [])
            #expect(try outbox.first?.decode(Int.self, at: 0) == 0, "a dry run publishes nothing")

            // The ship is late: the date moves, the status stays, the history says why and who.
            let late = try await app.http.json("PATCH", "/v1/batches/ship", ["eta": "2030-02-01"], token: staff)
            #expect(late.status == 200 && late.object["eta"] as? String == "2030-02-01" && late.object["allocatedQuantity"] as? Int == 2)
            #expect(try await eventually {
                try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["expectedShipDate"] as? String == "2030-02-03"
            })
            let afterLate = try await Self.history(app, id, token: staff)
            #expect(afterLate.last?["reason"] as? String == "eta_changed" && afterLate.last?["status"] as? String == "paid")
            #expect((afterLate.last?["actor"] as? [String: Any])?["type"] as? String == "system")
            #expect(try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["status"] as? String == "paid")

            // It arrives: warehouse stock from today, and it can never go back to sea.
            let arrived = try await app.http.json("PATCH", "/v1/batches/ship", ["eta": NSNull()], token: staff)
            #expect(arrived.status == 200 && arrived.object["eta"] is NSNull)
            #expect(try await eventually {
                Self.isToday(try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["expectedShipDate"], since: start)
            })
            let back = try await app.http.json("PATCH", "/v1/batches/ship", ["eta": "2030-03-01"], token: staff)
            #expect(back.status == 409 && back.code == "batch_arrived")
            let backPreview = try await app.http.json("PATCH", "/v1/batches/ship?dryRun=true", ["eta": "2030-03-01"], token: staff)
            #expect(backPreview.status == 409 && backPreview.code == "batch_arrived", "the dry run refuses what the change refuses")

            try await app.giveAddress(id, token: staff)
            let shipped = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "shipped"], token: staff)
            #expect(shipped.status == 200 && shipped.object["status"] as? String == "shipped")
            let reasons = try await Self.history(app, id, token: staff).compactMap { $0["reason"] as? String }
            #expect(reasons == ["placed", "allocated", "payment_succeeded", "eta_changed", "eta_changed", "shipped"])
        }
    }

    @Test func ordersBackorderedByAQuantityCutRecoverOldestFirstWhenStockArrives() async throws {
        try await TestApp.run { app in
            let start = Self.today()
            let (staff, customer) = try await app.shop(selling: "A", quantity: 3, batch: "w")
            let older = try #require(try await app.placeOrder([("A", 2)], token: customer.token)["id"] as? String)
            try await app.settlePayment(of: older, .succeeded, token: customer.token)
            _ = try await app.awaitOrder(older, status: "paid", token: customer.token)
            let newer = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
            let awaiting = try await app.awaitOrder(newer, status: "awaiting_payment", token: customer.token)
            #expect(Self.isToday(awaiting["expectedShipDate"], since: start), "warehouse stock ships the day it is allocated")

            let preview = try await app.http.json("PATCH", "/v1/batches/w?dryRun=true", ["quantity": 0], token: staff)
            #expect(preview.status == 200)
            #expect((preview.object["batch"] as? [String: Any])?["allocatedQuantity"] as? Int == 0)
            let affected = try #require(preview.object["affectedOrders"] as? [[String: Any]])
            #expect(Set(affected.compactMap { $0["orderId"] as? String }) == [older, newer])
            #expect(affected.allSatisfy { $0["change"] as? String == "backordered" && $0["expectedShipDate"] is NSNull })
            #expect(try await app.http.json("GET", "/v1/batches/w", token: staff).object["allocatedQuantity"] as? Int == 3)

            #expect(try await app.http.json("PATCH", "/v1/batches/w", ["quantity": 0], token: staff).status == 200)
            let lost = try await app.awaitOrder(older, status: "backordered", token: customer.token)
            #expect(lost["expectedShipDate"] is NSNull && Self.lineDates(lost) == [nil])
            _ = try await app.awaitOrder(newer, status: "backordered", token: customer.token)

            // The newer order is paid while backordered: the money is recorded, the status stays.
            let paymentId = try #require((awaiting["paymentId"] as? String).flatMap(UUID.init(uuidString:)))
            let payment = try await app.payment(paymentId)
            #expect(try await app.postWebhook(try app.webhookBody(.succeeded, for: payment)).status == 200)
            #expect(try await eventually {
                try await Self.history(app, newer, token: staff).last?["reason"] as? String == "payment_succeeded"
            })
            let recorded = try await Self.history(app, newer, token: staff).last
            #expect(recorded?["status"] as? String == "backordered" && (recorded?["actor"] as? [String: Any])?["type"] as? String == "provider")
            #expect(try await app.payment(paymentId).status == "succeeded")

            // Two units arrive: the older order (2) takes them; the newer one waits.
            try await app.addBatch("w2", sku: "A", quantity: 2, token: staff)
            let resumed = try await app.awaitOrder(older, status: "paid", token: customer.token)
            #expect(Self.isToday(resumed["expectedShipDate"], since: start))
            let olderHistory = try await Self.history(app, older, token: staff)
            #expect(olderHistory.last?["reason"] as? String == "reallocated")
            #expect(try await app.http.json("GET", "/v1/orders/\(newer)", token: customer.token).object["status"] as? String == "backordered")

            // One more unit: the newer order returns to paid, not awaiting_payment.
            #expect(try await app.http.json("PATCH", "/v1/batches/w2", ["quantity": 3], token: staff).status == 200)
            _ = try await app.awaitOrder(newer, status: "paid", token: customer.token)
            #expect(try await app.allocations(try #require(UUID(uuidString: newer)), token: staff) == ["A": "w2"])
            #expect(try await app.http.json("GET", "/v1/batches/w2", token: staff).object["availableQuantity"] as? Int == 0)
        }
    }

    @Test func anUnpaidOrderIsCancelledAtTheDeadlineItsStockFreedAndALateSuccessRefunded() async throws {
        try await TestApp.run(environment: ["PAYMENT_DEADLINE_SECONDS": "10"]) { app in
            let (staff, customer) = try await app.shop(selling: "A", quantity: 5, batch: "w")
            let id = try #require(try await app.placeOrder([("A", 5)], token: customer.token)["id"] as? String)
            let awaiting = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            // The job `serve` runs every second, run here, twice at once: as by two processes.
            let job = try #require(app.container.jobs.jobs.first { $0.name == "orders.payment_deadline" })
            let jobs = BackgroundJobs([job.every(.milliseconds(100)), job.every(.milliseconds(130))], metrics: MetricsRegistry(),
                                      logger: app.container.logger)
            let running = Task { await jobs.run() }
            defer { running.cancel() }
            _ = try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token)
            #expect(try await eventually(timeout: .seconds(30)) {
                try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["status"] as? String == "cancelled"
            })
            let history = try await Self.history(app, id, token: staff)
            #expect(history.filter { $0["reason"] as? String == "payment_deadline_passed" }.count == 1, "cancelled once")
            #expect((history.last?["actor"] as? [String: Any])?["type"] as? String == "system")
            #expect((history.last?["actor"] as? [String: Any])?["id"] is NSNull)
            #expect(try await eventually { try await app.stock("A")?["available"] as? Int == 5 })
            let paymentId = try #require((awaiting["paymentId"] as? String).flatMap(UUID.init(uuidString:)))
            #expect(try await eventually { try await app.payment(paymentId).status == "cancelled" })
            // The customer pays after all: the money goes back.
            #expect(try await app.postWebhook(try app.webhookBody(.succeeded, for: try await app.payment(paymentId))).status == 200)
            #expect(try await eventually { try await app.payment(paymentId).status == "refunded" })
        }
    }

    @Test func batchChangesAreValidatedAlikeForTheChangeAndItsDryRun() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "A", quantity: 3, batch: "w")
            try await app.addBatch("ship", sku: "A", quantity: 3, eta: "2030-01-01", token: staff)
            for query in ["", "?dryRun=true"] {
                for (body, status, code) in [([:] as [String: Any], 422, "validation_failed"),
                                             (["eta": "tomorrow"], 422, "validation_failed"),
                                             (["eta": 5], 422, "validation_failed"),
                                             (["quantity": 1_000_001], 422, "validation_failed"),
                                             (["quantity": 1, "ship": true], 422, "unknown_field"),
                                             (["eta": "2030-01-01"], 409, "batch_arrived")] {
                    let response = try await app.http.json("PATCH", "/v1/batches/w\(query)", body, token: staff)
                    #expect(response.status == status && response.code == code, "\(query) \(body): \(response.bodyText)")
                }
                #expect(try await app.http.json("PATCH", "/v1/batches/nope\(query)", ["quantity": 1], token: staff).status == 404)
                #expect(try await app.http.json("PATCH", "/v1/batches/w\(query)", ["quantity": 1], token: customer.token).status == 403)
            }
            #expect(try await app.http.json("PATCH", "/v1/batches/w?dryRun=maybe", ["quantity": 1], token: staff).status == 422)
            let both = try await app.http.json("PATCH", "/v1/batches/ship", ["quantity": 5, "eta": "2030-02-01"], token: staff)
            #expect(both.status == 200 && both.object["purchasedQuantity"] as? Int == 5 && both.object["eta"] as? String == "2030-02-01")
            #expect(try await app.stock("A")?["nextEta"] as? String == "2030-02-01")
        }
    }

    @Test func historyEntriesNameWhoMadeThem() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "A", quantity: 3, batch: "w")
            let id = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            #expect(try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer.token).status == 200)
            let actors = try await Self.history(app, id, token: staff).compactMap { $0["actor"] as? [String: Any] }
            #expect(actors.map { $0["type"] as? String } == ["user", "system", "user"])
            #expect(actors.map { $0["id"] as? String } == [customer.id, nil, customer.id])
            #expect(actors.allSatisfy { Set($0.keys) == ["type", "id"] })
        }
    }

    @Test func aQuoteUsesTheAllocationRulesReservesNothingAndPlacingGetsTheSameDates() async throws {
        try await TestApp.run { app in
            let start = Self.today()
            let staff = try await app.staffToken()
            try await app.createProduct("A", price: 1500, token: staff)
            try await app.createProduct("B", price: 500, token: staff)
            try await app.createProduct("C", price: 100, token: staff)
            try await app.addBatch("w", sku: "A", quantity: 3, token: staff)
            try await app.addBatch("ship", sku: "B", quantity: 10, eta: "2030-01-10", token: staff)
            try await app.addBatch("later", sku: "B", quantity: 10, eta: "2030-06-10", token: staff)

            let quote = try await app.http.json("POST", "/v1/quotes", TestApp.orderBody([("a", 2), ("B", 1)]))
            #expect(quote.status == 200 && Set(quote.object.keys) == ["lines", "total", "expectedShipDate"])
            let lines = try #require(quote.object["lines"] as? [[String: Any]])
            #expect(lines.map { $0["sku"] as? String } == ["A", "B"] && lines.map { $0["available"] as? Bool } == [true, true])
            #expect(Self.isToday(lines[0]["expectedShipDate"], since: start) && lines[1]["expectedShipDate"] as? String == "2030-01-12")
            #expect(Set(lines[0].keys) == ["sku", "quantity", "unitPrice", "available", "expectedShipDate"])
            #expect((quote.object["total"] as? [String: Any])?["amount"] as? Int == 3500)
            #expect(quote.object["expectedShipDate"] as? String == "2030-01-12")
            #expect(try await app.stock("A")?["available"] as? Int == 3, "a quote reserves nothing")

            let short = try await app.http.json("POST", "/v1/quotes", TestApp.orderBody([("A", 4), ("B", 11), ("C", 1)]))
            let shortLines = try #require(short.object["lines"] as? [[String: Any]])
            #expect(short.status == 200 && shortLines.map { $0["available"] as? Bool } == [false, false, false])
            #expect(shortLines.allSatisfy { $0["expectedShipDate"] is NSNull } && short.object["expectedShipDate"] is NSNull)

            for (body, code) in [(TestApp.orderBody([("A", 1), ("a", 1)]), "duplicate_line"), (TestApp.orderBody([("NOPE", 1)]), "unknown_sku"),
                                 (TestApp.orderBody([("A", 0)]), "validation_failed"), (["lines": [] as [Any]], "validation_failed"),
                                 (["lines": [["sku": "A", "quantity": 1]], "x": 1], "unknown_field")] {
                let refused = try await app.http.json("POST", "/v1/quotes", body)
                #expect(refused.status == 422 && refused.code == code, "\(body): \(refused.bodyText)")
            }

            let customer = try await app.customer("c@example.com")
            let id = try #require(try await app.placeOrder([("a", 2), ("B", 1)], token: customer.token)["id"] as? String)
            let placed = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            #expect(placed["expectedShipDate"] as? String == "2030-01-12" && Self.lineDates(placed)[1] == "2030-01-12")
            #expect(Self.isToday(Self.lineDates(placed)[0], since: start))
        }
    }
}
