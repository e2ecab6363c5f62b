public import JSON

extension JSONDecodingError {
    /// The `422` problem for this error, naming the offending fields.
    public var problem: ProblemDetails {
        switch self {
        case let .unknownFields(paths):
            return ProblemDetails(status: .unprocessableContent, code: "unknown_field",
                                  detail: "The request body has fields this operation does not accept.",
                                  errors: paths.map { .init(field: $0, message: "is not a known field") })
        case let .invalidValue(field, message):
            return ProblemDetails(status: .unprocessableContent, code: "validation_failed",
                                  detail: "The request body is not valid.",
                                  errors: [.init(field: field.isEmpty ? "body" : field, message: message)])
        }
    }
}
