/// One statement of a pipeline (several statements sent before any result is read; one round trip).
enum PipelineStep: Sendable {
    /// Parameterless SQL sent as it is, unprepared: `BEGIN …`, `COMMIT`.
    case text(String)
    /// A statement prepared once per connection and run with these parameters.
    case prepared(String, [PostgresValue])
}
