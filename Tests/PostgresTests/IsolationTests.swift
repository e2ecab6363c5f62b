import Postgres
import TestSupport
import Testing

/// Main-actor state that is not Sendable, as UI-less code on an actor would have.
@MainActor final class MainActorLedger {
    var entries: [Int] = []
}

/// `withConnection` and `transaction` run their bodies on the caller's actor, so a body may touch that actor's
/// non-Sendable state directly; this suite only has to compile and pass.
@MainActor @Suite struct IsolationTests {
    @Test func bodiesRunOnTheCallersActor() async throws {
        let ledger = MainActorLedger()
        try await TestDatabase.withFresh(poolSize: 2) { db in
            try await db.pool.transaction { tx in
                let value = try await tx.queryFirst("SELECT 41 + 1")?.decode(Int.self, at: 0) ?? 0
                ledger.entries.append(value)
            }
            try await db.pool.withConnection { connection in
                let value = try await connection.queryFirst("SELECT 7")?.decode(Int.self, at: 0) ?? 0
                ledger.entries.append(value)
            }
        }
        #expect(ledger.entries == [42, 7])
    }
}
