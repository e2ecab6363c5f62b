public import AllocationContracts
import AllocationDomain
import Audit
import EventBus
public import Kernel
import Logging

extension AllocationService {
    /// Adds a batch to its SKU's stock. The SKU must be an active catalog product (`422 unknown_sku`); the
    /// reference must be new (`409 batch_exists`).
    public func addBatch(_ command: AddBatch, by caller: Caller?) async throws -> BatchDTO {
        let reference = try BatchReference(command.reference)
        let sku = try SKU(command.sku)
        guard Batch.quantityRange.contains(command.quantity) else {
            throw DomainError.validation(field: "quantity", message: "must be between 0 and 1000000")
        }
        let eta = try command.eta.map { text throws(DomainError) in try ArrivalDate(text) }
        guard try await catalog.activeSKUs([sku.value]).contains(sku.value) else { throw AllocationErrors.unknownSKU }
        let batch = Batch(reference: reference, sku: sku, purchasedQuantity: command.quantity, eta: eta)
        let lock = lockOnLoad
        try await store.transaction { tx in
            // A reference is unique over all SKUs, not only within this one.
            if try await tx.stock.sku(ofBatch: reference) != nil { throw Stock.batchExists }
            try await tx.stock.register(sku)
            try await self.retryingConflicts(in: tx) {
                guard let original = try await tx.stock.stock([sku], lines: .noLines, lock: lock).first else {
                    throw AllocationErrors.stockNotFound
                }
                var stock = original
                try stock.add(batch)
                try await Self.save([(stock, original)], in: tx)
            }
            try await tx.events.publish(BatchAdded(reference: reference.value, sku: sku.value, quantity: command.quantity,
                                                   eta: eta?.text))
            try await tx.audit.record(AuditEntry(AuditAction.batchCreated, target: AuditTarget(type: "batch", id: reference.value),
                                                 by: caller, at: self.clock.now().roundedToMicroseconds, changes: [
                                                     "sku": .created(.text(sku.value)), "quantity": .created(.integer(Int64(command.quantity))),
                                                     "eta": .created(.optional(eta?.text)),
                                                 ]))
        }
        logger.info("batch added", ["batch": reference.value, "sku": sku.value])
        return BatchDTO(reference: reference.value, sku: sku.value, purchasedQuantity: command.quantity, allocatedQuantity: 0,
                        eta: eta?.text)
    }

    public func batch(reference: String) async throws -> BatchDTO {
        guard let reference = try? BatchReference(reference),
              let batch = try await store.stock.batch(reference) else { throw AllocationErrors.batchNotFound }
        return batch
    }

    /// Batches by reference; the cursor is MACed under a scope naming the SKU filter.
    public func listBatches(_ query: BatchListQuery) async throws -> Page<BatchDTO> {
        let sku = try query.sku.map { raw throws(DomainError) in try SKU(raw) }
        let scope = "batches\u{1F}" + (sku?.value ?? "")
        let pager = KeysetPager(cursors: cursors, scope: scope, keyCount: 1)
        let page = try pager.request(cursor: query.cursor, limit: query.limit)
        let found = try await store.stock.batches(sku: sku, page: page)
        return pager.page(found, for: page) { [$0.reference] }
    }

    /// Sets a batch's purchased quantity. Lines that no longer fit are taken off (newest first) and re-allocated
    /// where possible; the others are out of stock (`orderWasAllocated`, so Orders backorders them).
    public func changeBatchQuantity(reference: String, _ command: ChangeBatchQuantity, by caller: Caller?) async throws -> BatchDTO {
        guard let reference = try? BatchReference(reference) else { throw AllocationErrors.batchNotFound }
        guard Batch.quantityRange.contains(command.quantity) else {
            throw DomainError.validation(field: "quantity", message: "must be between 0 and 1000000")
        }
        let lock = lockOnLoad
        let (changes, stored): ([StockChange], BatchDTO) = try await store.transaction { tx in
            guard let sku = try await tx.stock.sku(ofBatch: reference) else { throw AllocationErrors.batchNotFound }
            let (old, changes): (Int, [StockChange]) = try await self.retryingConflicts(in: tx) {
                guard let original = try await tx.stock.stock([sku], lines: .all, lock: lock).first,
                      let batch = original.batch(reference) else { throw AllocationErrors.batchNotFound }
                var stock = original
                let changes = try stock.changeBatchQuantity(reference, to: command.quantity)
                try await Self.save([(stock, original)], in: tx)
                return (batch.purchasedQuantity, changes)
            }
            if old != command.quantity {
                try await tx.events.publish(BatchQuantityChanged(reference: reference.value, sku: sku.value,
                                                                 oldQuantity: old, newQuantity: command.quantity))
                try await tx.audit.record(AuditEntry(AuditAction.batchUpdated, target: AuditTarget(type: "batch", id: reference.value),
                                                     by: caller, at: self.clock.now().roundedToMicroseconds,
                                                     changes: ["quantity": AuditChange(from: .integer(Int64(old)), to: .integer(Int64(command.quantity)))]))
            }
            try await Self.publish(changes, reason: "batch_quantity_changed", in: tx)
            guard let stored = try await tx.stock.batch(reference) else { throw AllocationErrors.batchNotFound }
            return (changes, stored)
        }
        if !changes.isEmpty {
            logger.info("batch quantity lowered below its allocations", ["batch": reference.value, "changes": String(changes.count)])
        }
        return stored
    }
}
