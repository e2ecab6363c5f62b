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

    /// Changes a batch's quantity and/or ETA (`Stock.changeBatch`). Lines that no longer fit are taken off (newest
    /// first) and re-allocated where possible; the others are out of stock (`orderWasAllocated`, so Orders backorders
    /// them, and they wait here for stock). Lines left on a batch whose ETA moved or which arrived get a new date
    /// (`ShipDateChanged`); allocations are not moved by an ETA change (docs/adr/0017). `batch.updated` records the
    /// quantity and ETA before and after, by `caller`.
    public func changeBatch(reference: String, _ command: ChangeBatch, by caller: Caller?) async throws -> BatchDTO {
        let (reference, change) = try Self.parse(reference: reference, command)
        let lock = lockOnLoad
        let (changes, stored): ([StockChange], BatchDTO) = try await store.transaction { tx in
            guard let sku = try await tx.stock.sku(ofBatch: reference) else { throw AllocationErrors.batchNotFound }
            let (before, after, changes): (Batch, Batch, [StockChange]) = try await self.retryingConflicts(in: tx) {
                guard let original = try await tx.stock.stock([sku], lines: .all, lock: lock).first,
                      let batch = original.batch(reference) else { throw AllocationErrors.batchNotFound }
                var stock = original
                let changes = try stock.changeBatch(reference, change)
                try await Self.save([(stock, original)], in: tx)
                return (batch, stock.batch(reference) ?? batch, changes)
            }
            if before.purchasedQuantity != after.purchasedQuantity {
                try await tx.events.publish(BatchQuantityChanged(reference: reference.value, sku: sku.value,
                                                                 oldQuantity: before.purchasedQuantity,
                                                                 newQuantity: after.purchasedQuantity))
            }
            if before.eta != after.eta {
                try await tx.events.publish(BatchETAChanged(reference: reference.value, sku: sku.value,
                                                            oldEta: before.eta?.text, newEta: after.eta?.text))
            }
            var audited: [String: AuditChange] = [:]
            if before.purchasedQuantity != after.purchasedQuantity {
                audited["quantity"] = AuditChange(from: .integer(Int64(before.purchasedQuantity)),
                                                  to: .integer(Int64(after.purchasedQuantity)))
            }
            if before.eta != after.eta {
                audited["eta"] = AuditChange(from: before.eta.map { .text($0.text) } ?? .null, to: after.eta.map { .text($0.text) } ?? .null)
            }
            if !audited.isEmpty {
                try await tx.audit.record(AuditEntry(AuditAction.batchUpdated, target: AuditTarget(type: "batch", id: reference.value),
                                                     by: caller, at: self.clock.now().roundedToMicroseconds, changes: audited))
            }
            try await self.publish(changes, reason: "batch_quantity_changed", in: tx)
            guard let stored = try await tx.stock.batch(reference) else { throw AllocationErrors.batchNotFound }
            return (changes, stored)
        }
        if !changes.isEmpty {
            logger.info("batch change moved or redated lines", ["batch": reference.value, "changes": String(changes.count)])
        }
        return stored
    }

    /// The dry run of `changeBatch`: the same validation and domain code over the stock as it is now (read without a
    /// lock or a transaction), nothing stored and no event. Answers the batch as it would be and every order whose
    /// line of it would get a new date, move, or lose its batch.
    public func previewBatchChange(reference: String, _ command: ChangeBatch) async throws -> BatchChangePreviewDTO {
        let (reference, change) = try Self.parse(reference: reference, command)
        guard let sku = try await store.stock.sku(ofBatch: reference),
              let original = try await store.stock.stock([sku], lines: .all, lock: false).first,
              original.batch(reference) != nil else { throw AllocationErrors.batchNotFound }
        var stock = original
        let changes = try stock.changeBatch(reference, change)
        guard let batch = stock.batch(reference) else { throw AllocationErrors.batchNotFound }
        let today = today()
        var affected: [AffectedOrderDTO] = []
        for item in changes {
            switch item {
            case .allocated, .deallocated:
                continue
            case let .reallocated(line, _, to):
                affected.append(AffectedOrderDTO(orderId: line.orderId, change: "reallocated",
                                                 expectedShipDate: shipDates.shipDate(for: to, today: today).text))
            case let .outOfStock(line, _):
                affected.append(AffectedOrderDTO(orderId: line.orderId, change: "backordered", expectedShipDate: nil))
            case let .rescheduled(line, batch):
                affected.append(AffectedOrderDTO(orderId: line.orderId, change: "eta_changed",
                                                 expectedShipDate: shipDates.shipDate(for: batch, today: today).text))
            }
        }
        return BatchChangePreviewDTO(
            batch: BatchDTO(reference: batch.reference.value, sku: sku.value, purchasedQuantity: batch.purchasedQuantity,
                            allocatedQuantity: batch.allocatedQuantity, eta: batch.eta?.text),
            affectedOrders: affected)
    }

    /// The reference (`404` when malformed, as for an unknown batch) and the change: at least one member, each valid.
    static func parse(reference raw: String, _ command: ChangeBatch) throws(DomainError) -> (BatchReference, BatchChange) {
        guard let reference = try? BatchReference(raw) else { throw AllocationErrors.batchNotFound }
        guard command.quantity != nil || command.eta != nil else {
            throw DomainError.validation(field: "quantity", message: "send quantity, eta, or both")
        }
        if let quantity = command.quantity, !Batch.quantityRange.contains(quantity) {
            throw DomainError.validation(field: "quantity", message: "must be between 0 and 1000000")
        }
        let eta: BatchChange.ETA? = switch command.eta {
        case nil: nil
        case .arrived?: .arrived
        case .expected(let text)?: .expected(try ArrivalDate(text))
        }
        return (reference, BatchChange(quantity: command.quantity, eta: eta))
    }
}
