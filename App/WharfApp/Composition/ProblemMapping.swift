import HTTPServer
import Kernel
import PaymentsContracts
import Postgres

/// How errors thrown by the contexts become problem+json: `DomainError` by its kind, an unreachable database
/// and a lock or statement timeout as `503 service_unavailable` with `Retry-After` (never a 500), an unreachable payment provider as `503 provider_unavailable`. Anything else is left to the router's `500 internal_error`.
enum ProblemMapping {
    static func problem(for error: any Error) -> ProblemDetails? {
        switch error {
        case let error as DomainError: problem(forDomain: error)
        case let error as PostgresError: problem(forDatabase: error)
        case is PaymentProviderRefusal:
            ProblemDetails(status: HTTPStatus(502), code: "provider_refused", detail: "the payment provider refused the request")
        case is PaymentProviderUnavailable:
            ProblemDetails(status: .serviceUnavailable, code: "provider_unavailable",
                           detail: "the payment provider cannot be reached; retry shortly", headers: ["Retry-After": "5"])
        default: nil
        }
    }

    static func problem(forDomain error: DomainError) -> ProblemDetails {
        var headers: HTTPHeaders = [:]
        let status: HTTPStatus
        switch error.kind {
        case .validation: status = .unprocessableContent
        case .malformed: status = .badRequest
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .preconditionFailed: status = .preconditionFailed
        case .unauthenticated:
            status = .unauthorized
            headers.set("WWW-Authenticate", "Bearer")
        case .forbidden: status = .forbidden
        case .rateLimited(let seconds):
            status = .tooManyRequests
            headers.set("Retry-After", String(seconds))
        case .unavailable(let seconds):
            status = .serviceUnavailable
            headers.set("Retry-After", String(seconds))
        }
        return ProblemDetails(status: status, code: error.code, detail: error.message,
                              errors: error.fields.map { .init(field: $0.field, message: $0.message) }, headers: headers)
    }

    static func problem(forDatabase error: PostgresError) -> ProblemDetails? {
        switch error.kind {
        case .connectionLost, .poolTimeout, .poolClosed:
            return ProblemDetails(status: .serviceUnavailable, code: "service_unavailable",
                                  detail: "the database cannot be reached; retry shortly", headers: ["Retry-After": "1"])
        // Another session holds what this request needs (a row lock), or the statement ran past its timeout: the
        // same request may well succeed a moment later, so it is the client's to retry, never a 500 (ADR 13).
        case .lockTimeout, .statementTimeout:
            return ProblemDetails(status: .serviceUnavailable, code: "service_unavailable",
                                  detail: "the database is busy with this resource; retry shortly", headers: ["Retry-After": "1"])
        default:
            return nil
        }
    }
}
