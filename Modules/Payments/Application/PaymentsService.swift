public import EventBus
import Foundation
public import Kernel
public import Logging
public import PaymentsContracts

/// The Payments context's use cases behind `PaymentsFacade`, one file per use case (`UseCases/`).
public struct PaymentsService: Sendable {
    let store: any UnitOfWork<PaymentsRepositories>
    let provider: any PaymentProvider
    let webhooks: any ProviderWebhooks
    let reconciliation: ReconciliationPolicy
    let clock: Clock
    let ids: IDGenerator
    let logger: Logger

    public init(store: any UnitOfWork<PaymentsRepositories>, provider: any PaymentProvider, webhooks: any ProviderWebhooks,
                reconciliation: ReconciliationPolicy = .init(), clock: Clock = .system, ids: IDGenerator = .v7(), logger: Logger) {
        self.store = store
        self.provider = provider
        self.webhooks = webhooks
        self.reconciliation = reconciliation
        self.clock = clock
        self.ids = ids
        self.logger = logger
    }
}

/// When a pending payment is asked about: after `age` without news, at most `batchSize` per pass.
public struct ReconciliationPolicy: Sendable, Equatable {
    public var age: Duration
    public var batchSize: Int
    public init(age: Duration = .seconds(900), batchSize: Int = 100) {
        self.age = age
        self.batchSize = batchSize
    }
}

extension PaymentsService: PaymentsFacade {}
