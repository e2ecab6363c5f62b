import Foundation
import Postgres
import TestSupport
import Testing

/// A row the database holds is decoded, not re-validated: a `GET` never blames the caller for what is stored.
@Suite("HTTP: stored rows are decoded, not re-validated")
struct StoredRowTests {
    @Test func aStoredValueThatTodaysRulesWouldRefuseIsStillServed() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let id = try #require(try await app.createProduct("STORED-1", token: staff)["id"] as? String)
            // A name written under an older rule (control characters were never allowed by the API).
            try await app.database.pool.execute("UPDATE products.products SET name = E'Old\\u0007name' WHERE sku = 'STORED-1'")
            let response = try await app.http.send("GET", "/v1/products/\(id)")
            #expect(response.status == 200)
            #expect(response.object["name"] as? String == "Old\u{7}name")
        }
    }

    @Test func aStoredStatusNoVersionKnowsIsAServerErrorNotADiscontinuedProduct() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let id = try #require(try await app.createProduct("STORED-2", token: staff)["id"] as? String)
            try await app.database.pool.execute(script: """
                ALTER TABLE products.products DROP CONSTRAINT products_status_check;
                UPDATE products.products SET status = 'archived' WHERE sku = 'STORED-2';
                """)
            let response = try await app.http.send("GET", "/v1/products/\(id)")
            #expect(response.status == 500)
            #expect(response.code == "internal_error")
        }
    }
}
