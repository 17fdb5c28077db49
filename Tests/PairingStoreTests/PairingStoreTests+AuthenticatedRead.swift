import PairingCore
import Testing

@testable import PairingStore

/// `authenticatedRead`: the key and what a request reads of one company, in one statement, on every backend.
extension PairingStoreTests {
    @Test(arguments: StoreBackend.allCases)
    func authenticatedReadReadsTheKeyTheCompanyAndTheConfig(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let other = try store.createCompany(name: "other")
        let key = try store.createAPIKey(companyID: company.id, hash: "aa11")
        let admin = try store.createAPIKey(companyID: nil, hash: "bb22")
        let config = try store.createConfig(
            companyID: company.id, NewPairingConfig(externalID: "ext-1", priority: 3, name: "one"), limit: 1000)

        // The company: whether it exists and its config revision.
        let read = try store.authenticatedRead(keyHash: "aa11", companyID: company.id, .company)
        #expect(read.key == key)
        #expect(read.companyExists == true)
        #expect(read.configRevision == (try store.configRevision(companyID: company.id)))
        #expect(read.configSummary == nil)
        let missing = try store.authenticatedRead(keyHash: "bb22", companyID: "CP-NONE-0000", .company)
        #expect(missing.key == admin && missing.companyExists == false && missing.configRevision == nil)

        // A config, by each kind of id: the same summary as `configSummary`.
        let summary = try #require(try store.configSummary(companyID: company.id, .publicID(config.id)))
        for lookup in [ConfigLookup.publicID(config.id), .externalID("ext-1"), .numericID(config.numericID)] {
            let found = try store.authenticatedRead(keyHash: "aa11", companyID: company.id, .configSummary(lookup))
            #expect(found.key == key)
            #expect(found.configSummary == summary)
            #expect(found.companyExists == true)
        }
        // Not in that company, or deleted: no summary (and the company's existence is not read).
        let elsewhere = try store.authenticatedRead(
            keyHash: "bb22", companyID: other.id, .configSummary(.publicID(config.id)))
        #expect(elsewhere.key == admin && elsewhere.configSummary == nil && elsewhere.companyExists == nil)
        try store.deleteConfig(companyID: company.id, numericID: config.numericID, expectedVersion: nil)
        let deleted = try store.authenticatedRead(
            keyHash: "aa11", companyID: company.id, .configSummary(.publicID(config.id)))
        #expect(deleted.key == key && deleted.configSummary == nil)

        // An unknown or revoked key: nothing.
        #expect(
            try store.authenticatedRead(keyHash: "cc33", companyID: company.id, .company) == AuthenticatedRead(key: nil)
        )
        #expect(try store.revokeAPIKey(id: key.id))
        #expect(
            try store.authenticatedRead(keyHash: "aa11", companyID: company.id, .configSummary(.publicID(config.id)))
                == AuthenticatedRead(key: nil))
    }

    /// Repeated reads (served from the SQLite store's cache while nothing is committed) follow every write
    /// at once: a revoked key, an updated or deleted config, a new revision.
    @Test(arguments: StoreBackend.allCases)
    func authenticatedReadFollowsEveryWriteAtOnce(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let key = try store.createAPIKey(companyID: company.id, hash: "aa11")
        var config = try store.createConfig(companyID: company.id, NewPairingConfig(name: "one"), limit: 1000)
        let target = AuthenticatedReadTarget.configSummary(.publicID(config.id))
        for round in 1...5 {
            for _ in 0..<3 {
                let read = try store.authenticatedRead(keyHash: "aa11", companyID: company.id, target)
                #expect(read.configSummary?.version == config.version, "round \(round)")
            }
            var changed = config
            changed.name = "one, round \(round)"
            config = try store.updateConfig(changed, expectedVersion: config.version)
        }
        let revision = try store.authenticatedRead(keyHash: "aa11", companyID: company.id, .company).configRevision
        _ = try store.createConfig(companyID: company.id, NewPairingConfig(name: "two"), limit: 1000)
        let after = try store.authenticatedRead(keyHash: "aa11", companyID: company.id, .company).configRevision
        #expect(revision != nil && after != nil && after != revision)
        try store.deleteConfig(companyID: company.id, numericID: config.numericID, expectedVersion: nil)
        #expect(try store.authenticatedRead(keyHash: "aa11", companyID: company.id, target).configSummary == nil)
        #expect(try store.revokeAPIKey(id: key.id))
        #expect(try store.authenticatedRead(keyHash: "aa11", companyID: company.id, target).key == nil)
    }
}
