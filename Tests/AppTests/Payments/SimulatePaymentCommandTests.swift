import Foundation
import PaymentsContracts
import TestSupport
import Testing
@testable import WharfApp

@Suite("wharf simulate-payment")
struct SimulatePaymentCommandTests {
    @Test func itSendsASignedWebhookThatTheServerAccepts() async throws {
        try await TestApp.run { app in
            let succeeded = try await app.requestPayment(customerId: UUID())
            let failed = try await app.requestPayment(customerId: UUID())
            let environment = ["DATABASE_URL": app.database.url, "PAYMENT_WEBHOOK_SECRET": TestApp.webhookSecret, "LOG_LEVEL": "error"]
            let url = "http://127.0.0.1:\(app.http.port)"
            #expect(await WharfMain.run(arguments: ["simulate-payment", succeeded.id.uuidString.lowercased(), "succeeded", "--url", url],
                                        environment: environment) == 0)
            #expect(await WharfMain.run(arguments: ["simulate-payment", failed.id.uuidString, "failed", "--url", url],
                                        environment: environment) == 0)
            #expect(try await app.paymentStatus(succeeded.id) == "succeeded")
            #expect(try await app.paymentStatus(failed.id) == "failed")

            // Signed with another secret, the server refuses it: the command reports the failure.
            var wrong = environment
            wrong["PAYMENT_WEBHOOK_SECRET"] = "whsec_some_other_secret_000"
            let refunded = await WharfMain.run(arguments: ["simulate-payment", succeeded.id.uuidString, "refunded", "--url", url], environment: wrong)
            #expect(refunded == 1)
            #expect(try await app.paymentStatus(succeeded.id) == "succeeded")
            #expect(await WharfMain.run(arguments: ["simulate-payment", UUID().uuidString, "succeeded", "--url", url], environment: environment) == 1)
        }
    }

    @Test func badArgumentsAreAUsageError() async {
        let id = UUID().uuidString
        for arguments in [["simulate-payment"], ["simulate-payment", id], ["simulate-payment", "nope", "succeeded"],
                          ["simulate-payment", id, "paid"], ["simulate-payment", id, "succeeded", "--url"],
                          ["simulate-payment", id, "succeeded", "--url", "ftp://x"], ["simulate-payment", id, "succeeded", "extra"]] {
            #expect(Command.parse(arguments) == nil, "\(arguments)")
        }
        #expect(Command.parse(["simulate-payment", id, "failed"]) == .simulatePayment(paymentId: UUID(uuidString: id)!, outcome: "failed", url: nil))
        #expect(await WharfMain.run(arguments: ["simulate-payment", id], environment: [:]) == 2)
    }
}
