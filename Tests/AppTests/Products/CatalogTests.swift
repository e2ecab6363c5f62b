import Foundation
import TestSupport
import Testing

@Suite("HTTP: products")
struct CatalogTests {
    @Test func staffCreateProductsWithLocationAndETag() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let created = try await app.http.json("POST", "/v1/products",
                                                  TestApp.productBody(" red-chair ", name: "Red Chair", description: "Oak", category: "Chairs", price: 1999),
                                                  token: staff)
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? String)
            #expect(created.header("Location") == "/v1/products/\(id)")
            #expect(created.header("ETag") == "\"1\"")
            #expect(Set(created.object.keys) == ["id", "sku", "name", "description", "category", "price", "status", "createdAt", "updatedAt"])
            #expect(created.object["sku"] as? String == "RED-CHAIR" && created.object["status"] as? String == "active")
            let price = try #require(created.object["price"] as? [String: Any])
            #expect(price["amount"] as? Int == 1999 && price["currency"] as? String == "EUR")
            #expect((created.object["createdAt"] as? String)?.hasSuffix("Z") == true)

            let taken = try await app.http.json("POST", "/v1/products", TestApp.productBody("RED-CHAIR"), token: staff)
            #expect(taken.status == 409 && taken.code == "sku_taken")
            // Admins may too.
            #expect(try await app.http.json("POST", "/v1/products", TestApp.productBody("B-1"), token: try await app.adminToken()).status == 201)
        }
    }

    @Test func createRefusesBadInputAndCallersWhoAreNotStaff() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            for (body, code, field) in [
                (TestApp.productBody("bad sku!"), "validation_failed", "sku"),
                (TestApp.productBody("-X"), "validation_failed", "sku"),
                (TestApp.productBody("X", name: ""), "validation_failed", "name"),
                (TestApp.productBody("X", category: " "), "validation_failed", "category"),
                (TestApp.productBody("X", price: -1), "validation_failed", "price.amount"),
                (TestApp.productBody("X", price: 1_000_000_000_001), "validation_failed", "price.amount"),
                (TestApp.productBody("X", currency: "USD"), "validation_failed", "price.currency"),
            ] {
                let response = try await app.http.json("POST", "/v1/products", body, token: staff)
                #expect(response.status == 422 && response.code == code, "\(body): \(response.bodyText)")
                let fields = (response.object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                #expect(fields == [field], "\(response.bodyText)")
            }
            var extra = TestApp.productBody("X")
            extra["colour"] = "red"
            let unknown = try await app.http.json("POST", "/v1/products", extra, token: staff)
            #expect(unknown.status == 422 && unknown.code == "unknown_field")
            var missing = TestApp.productBody("X")
            missing["price"] = nil
            #expect(try await app.http.json("POST", "/v1/products", missing, token: staff).status == 422)
            let badCurrency = try await app.http.json("POST", "/v1/products", TestApp.productBody("X", currency: "euro"), token: staff)
            #expect(badCurrency.status == 422)
            let notJSON = try await app.http.send("POST", "/v1/products", headers: [("Authorization", "Bearer \(staff)")], body: Array("x".utf8))
            #expect(notJSON.status == 415)

            let anonymous = try await app.http.json("POST", "/v1/products", TestApp.productBody("X"))
            #expect(anonymous.status == 401 && anonymous.code == "unauthorized" && anonymous.header("WWW-Authenticate") == "Bearer")
            try await app.register("c@example.com")
            let customer = try await app.logIn("c@example.com").access
            let forbidden = try await app.http.json("POST", "/v1/products", TestApp.productBody("X"), token: customer)
            #expect(forbidden.status == 403 && forbidden.code == "forbidden")
            let created = try await app.createProduct("OWN", token: staff)
            let id = try #require(created["id"] as? String)
            #expect(try await app.http.json("PATCH", "/v1/products/\(id)", ["name": "N"], token: customer).status == 403)
            #expect(try await app.http.json("DELETE", "/v1/products/\(id)", token: customer).status == 403)
            #expect(try await app.http.json("PATCH", "/v1/products/\(id)", ["name": "N"]).status == 401)
            #expect(try await app.http.json("DELETE", "/v1/products/\(id)").status == 401)
        }
    }

    @Test func getIsPublicWithAnETagAndAnswersIfNoneMatchWith304() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let id = try #require(try await app.createProduct("A", token: staff)["id"] as? String)
            let got = try await app.http.json("GET", "/v1/products/\(id)")
            #expect(got.status == 200 && got.header("ETag") == "\"1\"" && got.object["sku"] as? String == "A")
            let notModified = try await app.http.json("GET", "/v1/products/\(id)", headers: [("If-None-Match", "\"1\"")])
            #expect(notModified.status == 304 && notModified.header("ETag") == "\"1\"" && notModified.body.isEmpty)
            #expect(try await app.http.json("GET", "/v1/products/\(id)", headers: [("If-None-Match", "W/\"1\"")]).status == 304)
            #expect(try await app.http.json("GET", "/v1/products/\(id)", headers: [("If-None-Match", "\"0\", \"1\"")]).status == 304)
            #expect(try await app.http.json("GET", "/v1/products/\(id)", headers: [("If-None-Match", "*")]).status == 304)
            #expect(try await app.http.json("GET", "/v1/products/\(id)", headers: [("If-None-Match", "\"2\"")]).status == 200)
            let badID = try await app.http.json("GET", "/v1/products/not-a-uuid")
            #expect(badID.status == 400)
            let unknown = try await app.http.json("GET", "/v1/products/\(UUID().uuidString.lowercased())")
            #expect(unknown.status == 404 && unknown.code == "not_found")
            #expect(try await app.http.json("PATCH", "/v1/products/\(UUID().uuidString.lowercased())", ["name": "N"], token: staff).status == 404)
            #expect(try await app.http.json("DELETE", "/v1/products/\(UUID().uuidString.lowercased())", token: staff).status == 404)
            #expect(try await app.http.json("PATCH", "/v1/products/nope", ["name": "N"], token: staff).status == 400)
        }
    }

    @Test func patchChangesFieldsAndChecksIfMatch() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let id = try #require(try await app.createProduct("A", name: "Chair", price: 1000, token: staff)["id"] as? String)
            let renamed = try await app.http.json("PATCH", "/v1/products/\(id)", ["name": "Red Chair", "price": ["amount": 1500, "currency": "EUR"]],
                                                  token: staff, headers: [("If-Match", "\"1\"")])
            #expect(renamed.status == 200 && renamed.header("ETag") == "\"2\"")
            #expect(renamed.object["name"] as? String == "Red Chair" && (renamed.object["price"] as? [String: Any])?["amount"] as? Int == 1500)
            let stale = try await app.http.json("PATCH", "/v1/products/\(id)", ["name": "Late"], token: staff, headers: [("If-Match", "\"1\"")])
            #expect(stale.status == 412 && stale.code == "precondition_failed")
            let garbage = try await app.http.json("PATCH", "/v1/products/\(id)", ["name": "Late"], token: staff, headers: [("If-Match", "\"x\"")])
            #expect(garbage.status == 412)
            #expect(try await app.http.json("PATCH", "/v1/products/\(id)", ["category": "Seats"], token: staff,
                                            headers: [("If-Match", "*")]).header("ETag") == "\"3\"")
            let unconditional = try await app.http.json("PATCH", "/v1/products/\(id)", ["description": "Oak"], token: staff)
            #expect(unconditional.status == 200 && unconditional.header("ETag") == "\"4\"" && unconditional.object["sku"] as? String == "A")

            let sku = try await app.http.json("PATCH", "/v1/products/\(id)", ["sku": "B"], token: staff)
            #expect(sku.status == 422 && sku.code == "unknown_field")
            let status = try await app.http.json("PATCH", "/v1/products/\(id)", ["status": "discontinued"], token: staff)
            #expect(status.status == 422 && status.code == "unknown_field")
            let currency = try await app.http.json("PATCH", "/v1/products/\(id)", ["price": ["amount": 1, "currency": "GBP"]], token: staff)
            #expect(currency.status == 422 && currency.code == "validation_failed")
            #expect((currency.object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["price.currency"])
            #expect(try await app.http.json("PATCH", "/v1/products/\(id)", ["name": ""], token: staff).status == 422)
            #expect(try await app.http.json("GET", "/v1/products/\(id)").header("ETag") == "\"4\"")
        }
    }

    @Test func deleteDiscontinuesIdempotentlyAndHidesFromTheList() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let id = try #require(try await app.createProduct("GONE", token: staff)["id"] as? String)
            try await app.createProduct("STAYS", token: staff)
            #expect(try await app.http.json("DELETE", "/v1/products/\(id)", token: staff).status == 204)
            #expect(try await app.http.json("DELETE", "/v1/products/\(id)", token: staff).status == 204)
            let got = try await app.http.json("GET", "/v1/products/\(id)")
            #expect(got.status == 200 && got.object["status"] as? String == "discontinued" && got.header("ETag") == "\"2\"")
            let listed = try await app.http.json("GET", "/v1/products")
            #expect(listed.items.compactMap { $0["sku"] as? String } == ["STAYS"])
            #expect(listed.object.keys.contains("nextCursor") && listed.object["nextCursor"] is NSNull)
        }
    }
}
