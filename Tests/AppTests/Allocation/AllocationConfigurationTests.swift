import Testing
@testable import WharfApp

@Suite("Configuration: allocation locking")
struct AllocationConfigurationTests {
    static let base = ["DATABASE_URL": "postgresql:///x", "JWT_SECRET": TestApp.jwtSecret, "PAYMENT_WEBHOOK_SECRET": "whsec_configuration_test_secret"]

    @Test func lockingIsRowLockByDefaultOptimisticOnRequestAndNothingElse() throws {
        #expect(try !Configuration.from(environment: Self.base, for: .serve).allocationOptimisticLocking)
        var optimistic = Self.base
        optimistic["ALLOCATION_LOCKING"] = "optimistic"
        #expect(try Configuration.from(environment: optimistic, for: .serve).allocationOptimisticLocking)
        var wrong = Self.base
        wrong["ALLOCATION_LOCKING"] = "pessimistic"
        #expect {
            try Configuration.from(environment: wrong, for: .serve)
        } throws: { error in
            (error as? ConfigurationError)?.problems == ["ALLOCATION_LOCKING must be row_lock or optimistic"]
        }
    }
}
