import Foundation
import Kernel
import Logging
import TestSupport
import Testing

@Suite("HTTP: batches")
struct BatchRoutesTests {
    @Test func staffAddReadListAndChangeBatches() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("RED-CHAIR", token: staff)
            let created = try await app.http.json("POST", "/v1/batches",
                                                  ["reference": "PO-2027.01_a", "sku": " red-chair ", "quantity": 20, "eta": "2027-03-01"],
                                                  token: staff)
            #expect(created.status == 201, "\(created.bodyText)")
            #expect(created.header("Location") == "/v1/batches/PO-2027.01_a")
            #expect(Set(created.object.keys) == ["reference", "sku", "purchasedQuantity", "allocatedQuantity", "availableQuantity", "eta"])
            #expect(created.object["sku"] as? String == "RED-CHAIR" && created.object["eta"] as? String == "2027-03-01")
            #expect(created.object["availableQuantity"] as? Int == 20 && created.object["allocatedQuantity"] as? Int == 0)

            let warehouse = try await app.addBatch("W-1", sku: "RED-CHAIR", quantity: 5, token: try await app.adminToken())
            #expect(warehouse["eta"] is NSNull, "warehouse stock has eta null, present")

            let read = try await app.http.json("GET", "/v1/batches/W-1", token: staff)
            #expect(read.status == 200 && read.object["purchasedQuantity"] as? Int == 5)

            let page = try await app.http.json("GET", "/v1/batches?limit=1&sku=red-chair", token: staff)
            #expect(page.status == 200 && page.items.map { $0["reference"] as? String } == ["PO-2027.01_a"])
            let cursor = try #require(page.object["nextCursor"] as? String)
            let next = try await app.http.json("GET", "/v1/batches?limit=1&sku=RED-CHAIR&cursor=\(cursor)", token: staff)
            #expect(next.items.map { $0["reference"] as? String } == ["W-1"])
            #expect(next.object["nextCursor"] is NSNull)

            let changed = try await app.http.json("PATCH", "/v1/batches/W-1", ["quantity": 7], token: staff)
            #expect(changed.status == 200 && changed.object["purchasedQuantity"] as? Int == 7 && changed.object["availableQuantity"] as? Int == 7)
        }
    }

    @Test func batchRoutesAreForStaffOnly() async throws {
        try await TestApp.run { app in
            try await app.register("customer@example.com")
            let customer = try await app.logIn("customer@example.com").access
            for (method, path, body) in [("POST", "/v1/batches", ["reference": "B", "sku": "X", "quantity": 1] as [String: Any]?),
                                         ("GET", "/v1/batches", nil), ("GET", "/v1/batches/B", nil),
                                         ("PATCH", "/v1/batches/B", ["quantity": 1])] {
                let anonymous = try await app.http.json(method, path, body)
                #expect(anonymous.status == 401 && anonymous.code == "unauthorized", "\(method) \(path)")
                let forbidden = try await app.http.json(method, path, body, token: customer)
                #expect(forbidden.status == 403 && forbidden.code == "forbidden", "\(method) \(path)")
            }
        }
    }

    @Test func badBatchInputIsRefusedWithAStableCode() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("LAMP", token: staff)
            try await app.addBatch("B-1", sku: "LAMP", quantity: 1, token: staff)
            let valid: [String: Any] = ["reference": "B-2", "sku": "LAMP", "quantity": 1]
            func with(_ key: String, _ value: Any?) -> [String: Any] {
                var body = valid
                body[key] = value
                return body
            }
            for (body, status, code) in [
                (with("reference", ""), 422, "validation_failed"),
                (with("reference", "has space"), 422, "validation_failed"),
                (with("reference", "../etc"), 422, "validation_failed"),
                (with("reference", String(repeating: "r", count: 65)), 422, "validation_failed"),
                (with("reference", nil), 422, "validation_failed"),
                (with("quantity", -1), 422, "validation_failed"),
                (with("quantity", 1_000_001), 422, "validation_failed"),
                (with("quantity", 1.5), 422, "validation_failed"),
                (with("quantity", "1"), 422, "validation_failed"),
                (with("eta", "2027-02-30"), 422, "validation_failed"),
                (with("eta", "tomorrow"), 422, "validation_failed"),
                (with("sku", "bad sku!"), 422, "validation_failed"),
                (with("sku", "NOT-IN-CATALOG"), 422, "unknown_sku"),
                (with("colour", "red"), 422, "unknown_field"),
                (with("reference", "B-1"), 409, "batch_exists"),
            ] {
                let response = try await app.http.json("POST", "/v1/batches", body, token: staff)
                #expect(response.status == status && response.code == code, "\(body): \(response.status) \(response.bodyText)")
            }
            let notJSON = try await app.http.send("POST", "/v1/batches", headers: [("Authorization", "Bearer \(staff)")], body: Array("x".utf8))
            #expect(notJSON.status == 415)
            let broken = try await app.http.send("POST", "/v1/batches", headers: [("Authorization", "Bearer \(staff)"),
                                                                                  ("Content-Type", "application/json")],
                                                 body: Array("{\"reference\":".utf8))
            #expect(broken.status == 400)

            #expect(try await app.http.json("GET", "/v1/batches/NOPE", token: staff).code == "not_found")
            #expect(try await app.http.json("GET", "/v1/batches/%FF", token: staff).status == 400)
            #expect(try await app.http.json("GET", "/v1/batches/has%20space", token: staff).status == 404)
            for (body, status, code) in [(["quantity": -1] as [String: Any], 422, "validation_failed"),
                                         (["quantity": 1, "colour": "red"], 422, "unknown_field"),
                                         (["eta": "2027-02-30"], 422, "validation_failed"),
                                         (["quantity": 1, "eta": "2027-01-01"], 409, "batch_arrived"),
                                         ([:], 422, "validation_failed")] {
                let response = try await app.http.json("PATCH", "/v1/batches/B-1", body, token: staff)
                #expect(response.status == status && response.code == code, "\(body): \(response.bodyText)")
            }
            #expect(try await app.http.json("PATCH", "/v1/batches/NOPE", ["quantity": 1], token: staff).status == 404)
            for query in ["limit=0", "limit=101", "limit=x", "sku=bad%20sku"] {
                #expect(try await app.http.json("GET", "/v1/batches?\(query)", token: staff).status == 422, "\(query)")
            }
            let forged = try await app.http.json("GET", "/v1/batches?cursor=abc.def", token: staff)
            #expect(forged.status == 400 && forged.code == "invalid_cursor")
            let page = try await app.http.json("GET", "/v1/batches?limit=1&sku=LAMP", token: staff)
            #expect(page.object["nextCursor"] is NSNull)
            try await app.addBatch("B-3", sku: "LAMP", quantity: 1, token: staff)
            let first = try await app.http.json("GET", "/v1/batches?limit=1", token: staff)
            let cursor = try #require(first.object["nextCursor"] as? String)
            let otherListing = try await app.http.json("GET", "/v1/batches?limit=1&sku=LAMP&cursor=\(cursor)", token: staff)
            #expect(otherListing.status == 400 && otherListing.code == "invalid_cursor", "a cursor belongs to its listing")
        }
    }
}
