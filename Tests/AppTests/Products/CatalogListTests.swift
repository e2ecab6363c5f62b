import Foundation
import TestSupport
import Testing

@Suite("HTTP: product listing")
struct CatalogListTests {
    static func skus(_ response: TestClient.Response) -> [String] { response.items.compactMap { $0["sku"] as? String } }

    @Test func searchFiltersAndSorts() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", name: "Red Chair", category: "Chairs", price: 2000, token: staff)
            try await app.createProduct("B", name: "Blue Table", description: "chair-side", category: "Tables", price: 1000, token: staff)
            try await app.createProduct("C", name: "Hairdryer", category: "Bath", price: 3000, token: staff)
            func list(_ query: String) async throws -> [String] {
                let response = try await app.http.json("GET", "/v1/products?" + query)
                #expect(response.status == 200, "\(query): \(response.bodyText)")
                return Self.skus(response)
            }
            #expect(try await list("") == ["C", "B", "A"])
            #expect(try await list("sort=-createdAt") == ["C", "B", "A"])
            #expect(try await list("sort=createdAt") == ["A", "B", "C"])
            #expect(try await list("sort=price") == ["B", "A", "C"])
            #expect(try await list("sort=-price") == ["C", "A", "B"])
            #expect(try await list("sort=name") == ["B", "C", "A"])
            #expect(try await list("sort=-name") == ["A", "C", "B"])
            #expect(try await list("q=chai&sort=name") == ["B", "A"])
            #expect(try await list("q=hair") == ["C"])
            #expect(try await list("q=CHAI+red") == ["A"])
            #expect(try await list("q=%27%3A*%20%26%20chai%7C%21") == ["B", "A"])
            #expect(try await list("category=Chairs") == ["A"])
            #expect(try await list("minPrice=1000&maxPrice=2000&sort=price") == ["B", "A"])
            #expect(try await list("minPrice=2001") == ["C"])
            #expect(try await list("maxPrice=999").isEmpty)

            for bad in ["sort=cheapest", "limit=0", "limit=101", "limit=x", "minPrice=-1", "maxPrice=abc", "minPrice=5&maxPrice=4"] {
                let response = try await app.http.json("GET", "/v1/products?" + bad)
                #expect(response.status == 422 && response.code == "validation_failed", "\(bad): \(response.bodyText)")
            }
        }
    }

    @Test func cursorsPageThroughAndAreBoundToTheirListing() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            for i in 0..<7 { try await app.createProduct("P\(i)", price: 100 * (i % 3), token: staff) }
            var seen: [String] = []
            var cursor: String?
            var firstCursor: String?
            repeat {
                let page = try await app.http.json("GET", "/v1/products?sort=price&limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == 200)
                #expect(page.items.count <= 3)
                seen += Self.skus(page)
                cursor = page.object["nextCursor"] as? String
                firstCursor = firstCursor ?? cursor
            } while cursor != nil
            #expect(seen.count == 7 && Set(seen).count == 7)
            let first = try #require(firstCursor)
            let otherSort = try await app.http.json("GET", "/v1/products?sort=-price&limit=3&cursor=\(first)")
            #expect(otherSort.status == 400 && otherSort.code == "invalid_cursor")
            let otherFilter = try await app.http.json("GET", "/v1/products?sort=price&limit=3&minPrice=1&cursor=\(first)")
            #expect(otherFilter.status == 400 && otherFilter.code == "invalid_cursor")
            let forged = try await app.http.json("GET", "/v1/products?cursor=abc.def")
            #expect(forged.status == 400 && forged.code == "invalid_cursor")
            #expect(try await app.http.json("GET", "/v1/products?limit=100").status == 200)
            #expect(try await app.http.json("GET", "/v1/products?limit=1").items.count == 1)
        }
    }
}
