import Foundation
import TestSupport
import Testing

@Suite("HTTP: catalog regressions found by fuzzing")
struct CatalogRegressionTests {
    @Test func ifMatchComparesEntityTagsAsTextNotNumbers() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let created = try await app.createProduct("ETAG-1", token: staff)
            let id = try #require(created["id"] as? String)
            for stale in [#""01""#, #""+1""#, #"W/"1""#] {
                let response = try await app.http.json("PATCH", "/v1/products/\(id)", ["name": "B"], token: staff,
                                                       headers: [("If-Match", stale)])
                #expect(response.status == 412, "If-Match: \(stale)")
            }
            let current = try await app.http.json("PATCH", "/v1/products/\(id)", ["name": "B"], token: staff,
                                                  headers: [("If-Match", #""1""#)])
            #expect(current.status == 200 && current.header("ETag") == #""2""#)
        }
    }

    @Test func everySearchTermCountsOrTheSearchIsRefused() async throws {
        try await TestApp.run { app in
            let seventeen = (1...17).map { "w\($0)" }.joined(separator: "+")
            let tooMany = try await app.http.send("GET", "/v1/products?q=\(seventeen)")
            #expect(tooMany.status == 422 && tooMany.code == "validation_failed")
            let longWord = String(repeating: "%E1%84%80", count: 700)
            let tooLong = try await app.http.send("GET", "/v1/products?q=\(longWord)+chair")
            #expect(tooLong.status == 422)
        }
    }
}
