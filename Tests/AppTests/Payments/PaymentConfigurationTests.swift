import Foundation
import PaymentsInfrastructure
import Testing
@testable import WharfApp

@Suite("Payments configuration")
struct PaymentConfigurationTests {
    static let base = ["DATABASE_URL": "postgresql:///x", "JWT_SECRET": TestApp.jwtSecret]

    static func problems(_ extra: [String: String], for purpose: Configuration.Purpose = .serve) -> [String] {
        do {
            _ = try Configuration.from(environment: base.merging(extra) { $1 }, for: purpose)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func servingNeedsAWebhookSecretAndStripeNeedsAKey() throws {
        #expect(Self.problems([:]).contains { $0.hasPrefix("PAYMENT_WEBHOOK_SECRET must be at least 16 bytes") })
        #expect(Self.problems(["PAYMENT_WEBHOOK_SECRET": "short"]).contains { $0.hasPrefix("PAYMENT_WEBHOOK_SECRET must") })
        #expect(Self.problems([:], for: .migrate).isEmpty, "migrations need no secret")
        let secret = ["PAYMENT_WEBHOOK_SECRET": TestApp.webhookSecret]
        #expect(Self.problems(secret).isEmpty)
        #expect(Self.problems(secret.merging(["PAYMENT_WEBHOOK_SECRET_PREVIOUS": "old"]) { $1 })
            == ["PAYMENT_WEBHOOK_SECRET_PREVIOUS must be at least 16 bytes"])
        #expect(Self.problems(secret.merging(["PAYMENT_PROVIDER": "stripe"]) { $1 }) == ["STRIPE_API_KEY is required with PAYMENT_PROVIDER=stripe"])
        #expect(Self.problems(secret.merging(["PAYMENT_PROVIDER": "paypal"]) { $1 }) == ["PAYMENT_PROVIDER must be sandbox or stripe"])
        #expect(Self.problems(secret.merging(["STRIPE_BASE_URL": "ftp://x"]) { $1 }) == ["STRIPE_BASE_URL must be an http(s) URL"])
        #expect(Self.problems(secret.merging(["PAYMENT_RECONCILE_AFTER_SECONDS": "0"]) { $1 })
            == ["PAYMENT_RECONCILE_AFTER_SECONDS must be an integer in 1...604800"])

        let stripe = try Configuration.from(environment: Self.base.merging(secret.merging(
            ["PAYMENT_PROVIDER": "stripe", "STRIPE_API_KEY": "sk_test_1", "STRIPE_BASE_URL": "http://127.0.0.1:9999"]) { $1 }) { $1 }, for: .serve)
        let url = try #require(URL(string: "http://127.0.0.1:9999"))
        #expect(Container.paymentSettings(stripe).provider == .stripe(apiKey: "sk_test_1", baseURL: url))
        #expect(stripe.paymentReconcileAfterSeconds == 900 && stripe.paymentReconcileIntervalSeconds == 60)
    }
}
