import Foundation
import TestSupport
import Testing
@testable import WharfApp

/// What schemathesis found where the OpenAPI document and the server disagreed (issue "Production hardening").
@Suite("HTTP: the server and its OpenAPI document agree")
struct SchemaDriftTests {
    /// The document as the server serves it, walked by JSON path.
    struct Document {
        let root: [String: Any]

        init(_ app: TestApp) async throws {
            let served = try await app.http.send("GET", "/openapi.json")
            root = try #require(try JSONSerialization.jsonObject(with: Data(served.body)) as? [String: Any])
        }

        func value(_ path: String...) -> Any? {
            var current: Any? = root
            for key in path {
                if let index = Int(key), let array = current as? [Any] {
                    current = index < array.count ? array[index] : nil
                } else {
                    current = (current as? [String: Any])?[key]
                }
            }
            return current
        }

        func pattern(_ path: String...) throws -> NSRegularExpression {
            var current: Any? = root
            for key in path { current = (current as? [String: Any])?[key] }
            let text = try #require((current as? [String: Any])?["pattern"] as? String, "no pattern at \(path)")
            return try NSRegularExpression(pattern: text)
        }
    }

    static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func rolesNamedTwiceAreRefusedAsTheSchemaSaysUniqueItems() async throws {
        try await TestApp.run { app in
            let id = try await app.register("a@example.com")
            let admin = try await app.adminToken()
            let patch = try await app.http.json("PATCH", "/v1/users/\(id)", ["roles": ["admin", "admin"]], token: admin)
            #expect(patch.status == 422 && patch.code == "validation_failed", "\(patch.bodyText)")
            #expect((patch.object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["roles"])
            #expect(try await app.http.json("GET", "/v1/users/\(id)", token: admin).object["roles"] as? [String] == ["customer"])
            let create = try await app.http.json("POST", "/v1/users", ["email": "s@example.com", "password": "password-1", "name": "S",
                                                                       "roles": ["staff", "staff"]], token: admin)
            #expect(create.status == 422 && create.code == "validation_failed")
            let document = try await Document(app)
            for schema in ["UpdateUserRequest", "CreateUserRequest"] {
                #expect(document.value("components", "schemas", schema, "properties", "roles", "uniqueItems") as? Bool == true)
            }
        }
    }

    /// `/v1/users/me` is a literal path, never the admin's `/{id}`: since the contract's Part 2 it serves `PATCH`
    /// (renaming oneself, `ProfileTests`); a method it does not serve answers `405` naming `GET` and `PATCH`.
    @Test func usersMeIsALiteralPathThatAnswers405ToOtherMethods() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            let token = try await app.logIn("a@example.com").access
            for bearer in [token, nil] {
                let put = try await app.http.json("PUT", "/v1/users/me", ["name": "B"], token: bearer)
                #expect(put.status == 405 && put.code == "method_not_allowed", "\(put.status) \(put.bodyText)")
                let allow = Set((put.header("Allow") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(allow.contains("GET") && allow.contains("PATCH") && !allow.contains("PUT"), "\(allow)")
            }
            // Not the admin's route: no `400 invalid_path_parameter` for "me", and a customer may use it.
            #expect(try await app.http.json("PATCH", "/v1/users/me", ["name": "B"]).status == 401)
            #expect(try await app.http.json("PATCH", "/v1/users/me", ["name": "B"], token: token).status == 200)
            #expect(try await app.http.json("GET", "/v1/users/me", token: token).status == 200)
        }
    }

    @Test func theWebhookAdvertisesOnlyPost() async throws {
        try await TestApp.run { app in
            let options = try await app.http.send("OPTIONS", "/v1/payments/webhook")
            #expect(options.status == 204 && options.header("Allow") == "POST, OPTIONS")
            let get = try await app.http.send("GET", "/v1/payments/webhook")
            #expect(get.status == 405 && get.header("Allow") == "POST, OPTIONS")
        }
    }

    /// The document's SKU patterns accept exactly what the server accepts (trimmed, any case, then the rule).
    @Test func theSKUPatternIsTheServersRule() async throws {
        try await TestApp.run { app in
            let document = try await Document(app)
            let input = try document.pattern("components", "schemas", "CreateProductRequest", "properties", "sku")
            let staff = try await app.staffToken()
            let samples = ["red-chair-01", " Blue-Lamp\t", "X", String(repeating: "A", count: 64), String(repeating: "B", count: 65),
                           "-LEADING", "", "   ", "UNDER_SCORE", "DOT.TED", "IN SIDE", "ÄPFEL", "9-"]
            for sku in samples {
                let created = try await app.http.json("POST", "/v1/products", TestApp.productBody(sku), token: staff)
                let accepted = created.status == 201
                #expect(accepted || (created.status == 422 && created.code == "validation_failed"), "\(sku): \(created.bodyText)")
                #expect(Self.matches(input, sku) == accepted, "\(sku.debugDescription): document \(Self.matches(input, sku)), server \(accepted)")
            }
            for path in [["components", "schemas", "CreateBatchRequest", "properties", "sku"],
                         ["components", "schemas", "PlaceOrderRequest", "properties", "lines", "items", "properties", "sku"]] {
                var current: Any? = document.root
                for key in path { current = (current as? [String: Any])?[key] }
                #expect((current as? [String: Any])?["pattern"] as? String == input.pattern, "\(path)")
            }
            let output = try document.pattern("components", "schemas", "Product", "properties", "sku")
            #expect(Self.matches(output, "RED-CHAIR-01") && !Self.matches(output, "red-chair-01"))
            #expect(try document.pattern("components", "schemas", "AllocatedLine", "properties", "sku").pattern == output.pattern)
        }
    }

    /// Quantities and amounts are JSON integers written as such: the server refuses `2.0` and `1e3`, which JSON
    /// Schema counts as integers, so the document says it in words.
    @Test func quantitiesAreIntegersWithoutAFractionPart() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "RED-CHAIR", quantity: 10, batch: "b1")
            let headers = [("Content-Type", "application/json")]
            for (path, token, body) in [
                ("/v1/orders", customer.token, #"{"lines":[{"sku":"RED-CHAIR","quantity":2.0}]}"#),
                ("/v1/batches", staff, #"{"reference":"b2","sku":"RED-CHAIR","quantity":1e1}"#),
                ("/v1/products", staff, #"{"sku":"X","name":"X","description":"","category":"C","price":{"amount":602.0,"currency":"EUR"}}"#),
            ] {
                let response = try await app.http.send("POST", path, headers: headers + [("Authorization", "Bearer \(token)")],
                                                       body: Array(body.utf8))
                #expect(response.status == 422 && response.code == "validation_failed", "\(path): \(response.bodyText)")
            }
            let document = try await Document(app)
            for path in [["PlaceOrderRequest", "properties", "lines", "items", "properties", "quantity"],
                         ["CreateBatchRequest", "properties", "quantity"], ["ChangeBatchRequest", "properties", "quantity"],
                         ["CreateProductRequest", "properties", "price", "properties", "amount"]] {
                var current: Any? = document.value("components", "schemas")
                for key in path { current = (current as? [String: Any])?[key] }
                let schema = current as? [String: Any]
                #expect(schema?["type"] as? String == "integer", "\(path)")
                #expect((schema?["description"] as? String)?.contains("without a fraction part") == true, "\(path)")
            }
        }
    }

    /// The cursors the server issues match the document's pattern, for the `nextCursor` it answers and the `cursor`
    /// it takes back.
    @Test func issuedCursorsMatchTheDocumentedFormat() async throws {
        try await TestApp.run { app in
            for i in 0..<3 { try await app.register("user\(i)@example.com") }
            let admin = try await app.adminToken()
            let page = try await app.http.json("GET", "/v1/users?limit=1", token: admin)
            let cursor = try #require(page.object["nextCursor"] as? String)
            let document = try await Document(app)
            let answered = try document.pattern("components", "schemas", "UserPage", "properties", "nextCursor")
            let taken = try document.pattern("components", "parameters", "Cursor", "schema")
            #expect(Self.matches(answered, cursor) && Self.matches(taken, cursor), "\(cursor)")
            #expect(Self.matches(taken, "") && !Self.matches(answered, ""))
            for page in ["ProductPage", "OrderPage", "BatchPage"] {
                #expect(try document.pattern("components", "schemas", page, "properties", "nextCursor").pattern == answered.pattern)
            }
            // Empty counts as absent, as the pattern allows.
            #expect(try await app.http.json("GET", "/v1/users?limit=1&cursor=", token: admin).status == 200)
            let next = try await app.http.json("GET", "/v1/users?limit=1&cursor=\(cursor)", token: admin)
            #expect(next.status == 200)
        }
    }
}
