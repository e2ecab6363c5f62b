import Foundation
import HTTPServer
import Logging
import Testing

/// A fixed-seed generator so the "never crashes" test is deterministic.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RandomPathTests {
    @Test func randomPathsNeverTrap() async throws {
        let router = Router()
        router.get("/v1/orders/{id}") { _, context in HTTPResponse(body: Array(try context.parameters.uuid("id").uuidString.utf8)) }
        router.get("/v1/orders/{id}/lines/{n}") { _, context in HTTPResponse(body: Array(String(try context.parameters.int("n")).utf8)) }
        let responder = try router.buildResponder(RouterConfiguration(logger: .discard))
        var random = SplitMix64(state: 7)
        let pieces = ["/", "v1", "orders", "lines", "%", "%2", "%2F", "%C3", "?", "&", "=", "+", "é", "{id}", "..", "", "12", "\u{0}"]
        for _ in 0..<2000 {
            let target = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let response = await responder.respond(to: HTTPRequest(method: .get, target: target))
            #expect([200, 400, 404, 405].contains(response.status.code))
            _ = QueryParameters(HTTPRequest(method: .get, target: target).query)
        }
    }
}
