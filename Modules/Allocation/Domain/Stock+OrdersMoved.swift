public import Foundation

extension Stock {
    /// The orders with a line that this stock holds differently from `original`: allocated, taken off or moved to
    /// another batch. (Lines not loaded into either state are not compared: a change always loads what it changes.)
    public func ordersMoved(since original: Stock) -> Set<UUID> {
        func placements(_ stock: Stock) -> Set<Placement> {
            Set(stock.batches.flatMap { batch in batch.allocations.map { Placement(line: $0, batch: batch.reference) } })
        }
        return Set(placements(self).symmetricDifference(placements(original)).map(\.line.orderId))
    }

    private struct Placement: Hashable {
        let line: OrderLine
        let batch: BatchReference
    }
}
