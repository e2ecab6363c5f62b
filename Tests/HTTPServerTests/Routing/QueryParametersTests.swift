import Foundation
import HTTPServer
import Testing

@Suite struct QueryParametersTests {
    @Test func parsesAndDecodes() throws {
        let query = getRequest("/v1/products?limit=20&cursor=abc%3D&q=red+chair&q=2&empty=&flag&bad=%zz").queryParameters
        #expect(try query.int("limit", in: 1...100) == 20)
        #expect(query["cursor"] == "abc=")
        #expect(query["q"] == "red chair")
        #expect(query.values("q") == ["red chair", "2"])
        #expect(query["empty"] == "")
        #expect(query.string("empty") == nil)
        #expect(query["flag"] == "")
        #expect(query["bad"] == "%zz")
        #expect(try query.int("missing") == nil)
        #expect(getRequest("/x").queryParameters.pairs.isEmpty)
    }

    @Test func typedGettersThrow422() {
        let query = getRequest("/v1/products?limit=500&minPrice=abc&id=nope&sort=up").queryParameters
        #expect(throws: ProblemDetails.self) { try query.int("limit", in: 1...100) }
        do {
            _ = try query.int("minPrice")
            Issue.record("expected a problem")
        } catch let problem as ProblemDetails {
            #expect(problem.status == .unprocessableContent)
            #expect(problem.code == "validation_failed")
            #expect(problem.errors == [.init(field: "minPrice", message: "must be an integer")])
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ProblemDetails.self) { try query.uuid("id") }
        #expect(throws: ProblemDetails.self) { try query.oneOf("sort", ["name", "-name"]) }
    }
}

@Suite struct PathParametersTests {
    @Test func uuidAcceptsAnyCaseAndRejectsOtherShapes() throws {
        let parameters = PathParameters([("id", "6F9619FF-8b86-D011-b42d-00C04FC964FF"), ("bad", "6f9619ff-8b86-d011-b42d-00c04fc964fg"),
                                         ("dashes", "6f9619ff8-b86-d011-b42d-00c04fc964ff"), ("short", "6f9619ff")])
        #expect(try parameters.uuid("id").uuidString == "6F9619FF-8B86-D011-B42D-00C04FC964FF")
        for name in ["bad", "dashes", "short", "missing"] {
            #expect(throws: ProblemDetails.self) { try parameters.uuid(name) }
        }
    }
}
