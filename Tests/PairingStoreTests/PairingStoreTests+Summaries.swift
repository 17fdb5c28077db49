import PairingCore
import Testing

@testable import PairingStore

/// Summaries and id-list reads (what listing and the rendered-config cache use), on every backend.
extension PairingStoreTests {
    private func config(_ name: String, externalID: String?, priority: Int32?) -> NewPairingConfig {
        NewPairingConfig(
            externalID: externalID, priority: priority, name: name,
            workerMatch: WorkerMatch(isManager: false, teamIds: ["T-\(name)"]),
            taskMatch: TaskMatch(taskTypes: ["call"]))
    }

    @Test(arguments: StoreBackend.allCases)
    func summariesMatchTheLiveConfigs(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "summaries")
        let other = try store.createCompany(name: "other")
        let a = try store.createConfig(companyID: company.id, config("a", externalID: "ea", priority: 3), limit: 1000)
        let b = try store.createConfig(companyID: company.id, config("b", externalID: nil, priority: nil), limit: 1000)
        let c = try store.createConfig(companyID: company.id, config("c", externalID: "ec", priority: -2), limit: 1000)
        _ = try store.createConfig(companyID: other.id, config("x", externalID: "ea", priority: 1), limit: 1000)
        var changed = b
        changed.priority = 9
        let updated = try store.updateConfig(changed, expectedVersion: b.version)
        try store.deleteConfig(companyID: company.id, numericID: c.numericID, expectedVersion: nil)

        let summaries = try store.liveConfigSummaries(companyID: company.id).sorted { $0.numericID < $1.numericID }
        let expected = try store.liveConfigs(companyID: company.id).map(ConfigSummary.init)
            .sorted { $0.numericID < $1.numericID }
        #expect(summaries == expected)
        #expect(summaries.count == 3)  // default, a, b
        #expect(summaries.contains(ConfigSummary(a)))
        let summaryOfB = try #require(summaries.first { $0.numericID == b.numericID })
        #expect(summaryOfB.version == 2 && summaryOfB.version == updated.version && summaryOfB.priority == 9)
        #expect(summaries.filter(\.isDefault).count == 1)
        #expect(!summaries.contains { $0.numericID == c.numericID })
        #expect(try store.liveConfigSummaries(companyID: "CP-0000-0000").isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func configSummaryFindsEveryLookup(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "summary")
        let other = try store.createCompany(name: "other")
        let a = try store.createConfig(companyID: company.id, config("a", externalID: "ea", priority: 3), limit: 1000)
        let gone = try store.createConfig(
            companyID: company.id, config("g", externalID: "eg", priority: 1), limit: 1000)
        try store.deleteConfig(companyID: company.id, numericID: gone.numericID, expectedVersion: nil)

        for lookup in [ConfigLookup.numericID(a.numericID), .publicID(a.id), .externalID("ea")] {
            #expect(try store.configSummary(companyID: company.id, lookup) == ConfigSummary(a))
            #expect(try store.configSummary(companyID: other.id, lookup) == nil)
        }
        for lookup in [ConfigLookup.numericID(gone.numericID), .publicID(gone.id), .externalID("eg")] {
            #expect(try store.configSummary(companyID: company.id, lookup) == nil)
        }
        #expect(try store.configSummary(companyID: company.id, .publicID("TP-0000-0000")) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func liveConfigsByNumericIDsReadsOnlyTheNamedLiveOnes(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "by ids")
        let other = try store.createCompany(name: "other")
        let a = try store.createConfig(companyID: company.id, config("a", externalID: "ea", priority: 3), limit: 1000)
        let b = try store.createConfig(companyID: company.id, config("b", externalID: nil, priority: nil), limit: 1000)
        let c = try store.createConfig(companyID: company.id, config("c", externalID: nil, priority: 2), limit: 1000)
        let foreign = try store.createConfig(
            companyID: other.id, config("x", externalID: nil, priority: 1), limit: 1000)
        try store.deleteConfig(companyID: company.id, numericID: c.numericID, expectedVersion: nil)

        let read = try store.liveConfigs(
            companyID: company.id, numericIDs: [b.numericID, c.numericID, foreign.numericID, a.numericID, 999_999])
        #expect(read.sorted { $0.numericID < $1.numericID } == [a, b])
        #expect(try store.liveConfigs(companyID: company.id, numericIDs: [a.numericID, a.numericID]) == [a])
        #expect(try store.liveConfigs(companyID: company.id, numericIDs: []).isEmpty)
        #expect(try store.liveConfigs(companyID: other.id, numericIDs: [a.numericID]).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func configRevisionGrowsWithEveryConfigWriteOnly(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "revision")
        let other = try store.createCompany(name: "other")
        #expect(try store.configRevision(companyID: "CP-0000-0000") == nil)
        var last = try #require(try store.configRevision(companyID: company.id))
        let otherStart = try #require(try store.configRevision(companyID: other.id))
        func expectGrown(_ what: String) throws {
            let now = try #require(try store.configRevision(companyID: company.id))
            #expect(now > last, "\(what) did not bump the revision")
            last = now
        }
        func expectSame(_ what: String) throws {
            #expect(try store.configRevision(companyID: company.id) == last, "\(what) bumped the revision")
        }

        let a = try store.createConfig(companyID: company.id, config("a", externalID: "ea", priority: 1), limit: 1000)
        try expectGrown("create")
        var changed = a
        changed.name = "a2"
        let saved = try store.updateConfig(changed, expectedVersion: a.version)
        try expectGrown("update")
        _ = try store.liveConfigs(companyID: company.id)
        _ = try store.liveConfigSummaries(companyID: company.id)
        try expectSame("a read")
        do {
            _ = try store.updateConfig(changed, expectedVersion: a.version)
            Issue.record("a stale update succeeded")
        } catch {}
        do {
            _ = try store.createConfig(companyID: company.id, config("dup", externalID: "ea", priority: 1), limit: 1000)
            Issue.record("a duplicate externalId was accepted")
        } catch {}
        try expectSame("a failed write")
        try store.deleteConfig(companyID: company.id, numericID: saved.numericID, expectedVersion: nil)
        try expectGrown("delete")
        #expect(try store.configRevision(companyID: other.id) == otherStart)

        // Another connection pool on the same database (another process) sees the same revision.
        let reopened = try test.reopen()
        #expect(try reopened.configRevision(companyID: company.id) == last)
    }
}
