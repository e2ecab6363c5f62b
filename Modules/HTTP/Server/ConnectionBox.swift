/// Carries a connection into its handler task. Sound because the task prefers the connection's loop as its
/// executor, and `complete` hops back to the loop if the task ever resumes elsewhere.
struct ConnectionBox: @unchecked Sendable {
    let connection: Connection

    func complete(_ response: HTTPResponse) {
        let loop = connection.loop
        if loop.inLoop {
            connection.complete(response)
        } else {
            loop.execute { [self] in connection.complete(response) }
        }
    }
}
