import Testing

@testable import PairingAPI

/// The `company` of an access-log line comes from a `/companies/{companyId}/...` path only.
@Suite struct RequestLoggerCompanyTests {
    @Test(
        arguments: [
            ("/companies/CP-AAAA-1111/task-worker-pairing-configs", "CP-AAAA-1111"),
            ("/companies/CP-AAAA-1111", "CP-AAAA-1111"),
            ("//companies//CP-AAAA-1111/", "CP-AAAA-1111"),
            ("/companies", nil),
            ("/companies/", nil),
            ("/healthz", nil),
            ("/company/CP-AAAA-1111", nil),
            ("/v1/companies/CP-AAAA-1111", nil),
        ] as [(String, String?)])
    func companyOfPath(_ path: String, _ expected: String?) {
        #expect(RequestLogger.company(inPath: path) == expected)
    }

    @Test func aLongCompanySegmentIsCutTo64Characters() {
        let long = String(repeating: "C", count: 500)
        #expect(RequestLogger.company(inPath: "/companies/\(long)/x") == String(repeating: "C", count: 64))
    }
}
