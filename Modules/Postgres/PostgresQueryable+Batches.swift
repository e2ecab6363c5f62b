extension PostgresQueryable {
    /// Runs `sql`, a DELETE of at most `batchSize` rows whose last parameter is that batch size (appended here after
    /// `parameters`), again and again until a run deletes fewer rows than that; returns how many it deleted in all.
    /// On a pool every run is a statement (and transaction) of its own, so rows stay locked for one batch only and a
    /// purge of a large backlog never blocks the writers of the table for long. Stops early when the task is
    /// cancelled (the server is stopping).
    public func deleteInBatches(_ sql: String, _ parameters: [PostgresValue], batchSize: Int) async throws(PostgresError) -> Int {
        let size = max(1, batchSize)
        var total = 0
        while !Task.isCancelled {
            let deleted = try await execute(sql, parameters + [.int(size)])
            total += deleted
            if deleted < size { break }
        }
        return total
    }
}
