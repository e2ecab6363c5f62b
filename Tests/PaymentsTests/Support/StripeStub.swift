import Foundation
import HTTPServer
import Synchronization

/// A local server that speaks the part of Stripe's API the adapter uses (form-encoded requests, JSON answers,
/// idempotency keys), with failures that tests can queue up. Every request is recorded.
final class StripeStub: Sendable {
    static let apiKey = "sk_test_stub"

    struct Intent: Sendable {
        var id: String
        var status: String
        var amount: Int64
        var currency: String
        var lastError: String?
    }

    struct State {
        var intents: [String: Intent] = [:]
        var intentsByKey: [String: String] = [:]
        var refunds: [String: String] = [:] // idempotency key → intent id
        var refundAmounts: [String: Int64] = [:] // idempotency key → amount refunded
        var refundStatus = "succeeded"
        var requests: [String] = []
        var queuedFailures: [Int] = []
    }

    let state = Mutex(State())

    var requests: [String] { state.withLock { $0.requests } }
    var refunds: [String: String] { state.withLock { $0.refunds } }
    /// Amounts refunded, by idempotency key (a repeated key is counted once, as at Stripe).
    var refundAmounts: [String: Int64] { state.withLock { $0.refundAmounts } }
    /// The status new refunds are answered with (`succeeded` unless a test says `pending`).
    func answerRefunds(_ status: String) { state.withLock { $0.refundStatus = status } }
    var intentCount: Int { state.withLock { $0.intents.count } }
    func intent(_ id: String) -> Intent? { state.withLock { $0.intents[id] } }
    /// The next requests are answered with these statuses (and nothing else happens), one each.
    func failNext(_ statuses: Int...) { state.withLock { $0.queuedFailures += statuses } }
    func setStatus(_ id: String, _ status: String, lastError: String? = nil) {
        state.withLock {
            $0.intents[id]?.status = status
            $0.intents[id]?.lastError = lastError
        }
    }

    /// Runs the stub on a free loopback port for `body`, which gets its base URL.
    static func run(_ body: (StripeStub, URL) async throws -> Void) async throws {
        let stub = StripeStub()
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, eventLoopCount: 1),
                                responder: try stub.router().buildResponder(.init(logsRequests: false)))
        let serving = Task { try await server.run() }
        do {
            let port = try await server.waitUntilListening()
            try await body(stub, URL(string: "http://127.0.0.1:\(port)")!)
        } catch {
            server.shutdown()
            _ = try? await serving.value
            throw error
        }
        server.shutdown()
        try await serving.value
    }

    func router() -> Router {
        let router = Router()
        router.add(middleware: Middleware { request, context, next in
            let failure: Int? = self.state.withLock { state in
                state.requests.append("\(request.method.rawValue) \(request.path)")
                return state.queuedFailures.isEmpty ? nil : state.queuedFailures.removeFirst()
            }
            if let failure { return Self.error(failure, "injected failure") }
            guard request.headers["Authorization"] == "Bearer \(Self.apiKey)" else { return Self.error(401, "Invalid API Key provided") }
            return try await next(request, context)
        })
        router.post("/v1/payment_intents") { request, _ in
            let form = Self.form(request.body)
            guard let amount = form["amount"].flatMap({ Int64($0) }), let currency = form["currency"],
                  form["metadata[paymentId]"] != nil, form["metadata[orderId]"] != nil else { return Self.error(400, "missing parameter") }
            let key = request.headers["Idempotency-Key"] ?? UUID().uuidString
            let intent: Intent = self.state.withLock { state in
                if let id = state.intentsByKey[key], let existing = state.intents[id] { return existing }
                let intent = Intent(id: "pi_stub\(state.intents.count + 1)", status: "requires_payment_method", amount: amount, currency: currency)
                state.intents[intent.id] = intent
                state.intentsByKey[key] = intent.id
                return intent
            }
            return Self.json(intent)
        }
        router.get("/v1/payment_intents/{id}") { _, context in
            guard let intent = self.intent(try context.parameters.string("id")) else { return Self.error(404, "No such payment_intent") }
            return Self.json(intent)
        }
        router.post("/v1/payment_intents/{id}/cancel") { _, context in
            let id = try context.parameters.string("id")
            self.setStatus(id, "canceled")
            guard let intent = self.intent(id) else { return Self.error(404, "No such payment_intent") }
            return Self.json(intent)
        }
        router.post("/v1/refunds") { request, _ in
            let form = Self.form(request.body)
            guard let id = form["payment_intent"], self.intent(id) != nil else { return Self.error(400, "No such payment_intent") }
            let key = request.headers["Idempotency-Key"] ?? UUID().uuidString
            // Like Stripe: `amount` defaults to what is left, a refund never exceeds what is left of the intent, and a
            // key seen before answers its first refund without refunding again.
            let answer: (status: String, refused: Bool) = self.state.withLock { state in
                if state.refunds[key] != nil { return (state.refundStatus, false) }
                let intent = state.intents[id]?.amount ?? 0
                let refunded = state.refunds.filter { $0.value == id }.keys.reduce(Int64(0)) { $0 + (state.refundAmounts[$1] ?? 0) }
                let amount = form["amount"].flatMap { Int64($0) } ?? (intent - refunded)
                guard amount >= 1, refunded + amount <= intent else { return (state.refundStatus, true) }
                state.refunds[key] = id
                state.refundAmounts[key] = amount
                return (state.refundStatus, false)
            }
            if answer.refused { return Self.error(400, "Refund amount is greater than the unrefunded amount on the charge") }
            return .json(bytes: Array(#"{"id":"re_\#(key.count)\#(id)","object":"refund","status":"\#(answer.status)"}"#.utf8))
        }
        return router
    }

    static func json(_ intent: Intent) -> HTTPResponse {
        let error = intent.lastError.map { #","last_payment_error":{"message":"\#($0)"}"# } ?? ""
        return .json(bytes: Array(#"{"id":"\#(intent.id)","object":"payment_intent","status":"\#(intent.status)","amount":\#(intent.amount),"currency":"\#(intent.currency)"\#(error)}"#.utf8))
    }

    static func error(_ status: Int, _ message: String) -> HTTPResponse {
        .json(bytes: Array(#"{"error":{"message":"\#(message)"}}"#.utf8), status: HTTPStatus(integerLiteral: status))
    }

    static func form(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}
