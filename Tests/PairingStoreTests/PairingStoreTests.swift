import Dispatch
import PairingCore
import Synchronization
import Testing

@testable import PairingStore

/// The one storage suite: every test runs against every available backend.
@Suite("PairingStore")
struct PairingStoreTests {
    private func expectError(_ expected: StoreError, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(expected), got success")
        } catch let error as StoreError {
            #expect(error == expected)
        } catch {
            Issue.record("expected \(expected), got \(error)")
        }
    }

    private func sample(_ name: String, externalID: String? = nil, priority: Int32? = nil) -> NewPairingConfig {
        NewPairingConfig(
            externalID: externalID, priority: priority, name: name,
            workerMatch: WorkerMatch(isManager: true, teamIds: ["T1", "T2"], roleIds: []),
            taskMatch: TaskMatch(
                not: false, taskTypes: ["call"], case: .init(caseTypeEnums: ["LOAN"], autocreated: true),
                supercase: .init(supercaseTypeEnums: ["S"]), interaction: .init(channels: ["voice"], themes: ["x"])),
            overrideWorkerQueueExpression: "team IN ['T1']", overrideTaskWorkflowExpression: nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func createCompanyCreatesItsDefaultConfig(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "Acme Lending")
        #expect(company.name == "Acme Lending")
        #expect(company.id.hasPrefix("CP-") && company.id.count == 12)
        #expect(try store.company(id: company.id) == company)
        #expect(try store.company(id: "CP-0000-0000") == nil)
        #expect(try store.companies().contains(company))

        let configs = try store.liveConfigs(companyID: company.id)
        try #require(configs.count == 1)
        let config = configs[0]
        #expect(config.isDefault)
        #expect(config.name == "Default")
        #expect(config.priority == nil)
        #expect(config.externalID == nil)
        #expect(config.workerMatch == WorkerMatch())
        #expect(config.taskMatch == TaskMatch())
        #expect(config.version == 1)
        #expect(config.updatedAt == nil && config.deletedAt == nil)
        #expect(config.companyID == company.id)
        #expect(config.id.hasPrefix("TP-"))
        #expect(config.createdAt == company.createdAt)
    }

    @Test(arguments: StoreBackend.allCases)
    func companiesListsEveryCompanyInCreationOrder(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let first = try test.store.createCompany(name: "one")
        let second = try test.store.createCompany(name: "two")
        let listed = try test.store.companies().filter { $0.id == first.id || $0.id == second.id }
        #expect(listed == [first, second])
    }

    @Test(arguments: StoreBackend.allCases)
    func createdConfigRoundtripsEveryField(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let new = sample("Collections", externalID: "ext-1", priority: -7)
        let created = try store.createConfig(companyID: company.id, new, limit: 1000)
        #expect(created.id.hasPrefix("TP-") && created.id.count == 12)
        #expect(created.externalID == "ext-1")
        #expect(created.priority == -7)
        #expect(created.name == "Collections")
        #expect(!created.isDefault)
        #expect(created.workerMatch == new.workerMatch)
        #expect(created.taskMatch == new.taskMatch)
        #expect(created.overrideWorkerQueueExpression == "team IN ['T1']")
        #expect(created.overrideTaskWorkflowExpression == nil)
        #expect(created.version == 1)
        #expect(created.companyID == company.id)
        #expect(try store.config(companyID: company.id, .publicID(created.id)) == created)
        #expect(try store.liveConfigs(companyID: company.id).contains(created))
    }

    @Test(arguments: StoreBackend.allCases)
    func lookupsByPublicExternalAndNumericID(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let config = try store.createConfig(companyID: company.id, sample("a", externalID: "lender-42"), limit: 1000)
        #expect(try store.config(companyID: company.id, .publicID(config.id)) == config)
        #expect(try store.config(companyID: company.id, .externalID("lender-42")) == config)
        #expect(try store.config(companyID: company.id, .numericID(config.numericID)) == config)
        #expect(try store.config(companyID: company.id, .publicID("TP-0000-0000")) == nil)
        #expect(try store.config(companyID: company.id, .externalID("nope")) == nil)
        #expect(try store.config(companyID: company.id, .numericID(987_654_321)) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func liveConfigsAreOrderedByNumericID(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        for index in 0..<5 { _ = try store.createConfig(companyID: company.id, sample("n\(index)"), limit: 1000) }
        let numericIDs = try store.liveConfigs(companyID: company.id).map(\.numericID)
        #expect(numericIDs.count == 6)
        #expect(numericIDs == numericIDs.sorted())
        #expect(Set(numericIDs).count == 6)
    }

    @Test(arguments: StoreBackend.allCases)
    func externalIDIsUniqueAmongLiveConfigsAndFreedByDelete(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let other = try store.createCompany(name: "other")
        let first = try store.createConfig(companyID: company.id, sample("a", externalID: "dup"), limit: 1000)
        expectError(.duplicateExternalID("dup")) {
            _ = try store.createConfig(companyID: company.id, sample("b", externalID: "dup"), limit: 1000)
        }
        // Another company may use the same externalId.
        _ = try store.createConfig(companyID: other.id, sample("b", externalID: "dup"), limit: 1000)
        // Configs without an externalId never conflict.
        _ = try store.createConfig(companyID: company.id, sample("c"), limit: 1000)
        _ = try store.createConfig(companyID: company.id, sample("d"), limit: 1000)

        // An update cannot take another live config's externalId, but may keep its own.
        var second = try store.createConfig(companyID: company.id, sample("e", externalID: "other"), limit: 1000)
        second.externalID = "dup"
        expectError(.duplicateExternalID("dup")) { _ = try store.updateConfig(second, expectedVersion: nil) }
        second.externalID = "other"
        second.name = "renamed"
        second = try store.updateConfig(second, expectedVersion: nil)
        #expect(second.externalID == "other")

        try store.deleteConfig(companyID: company.id, numericID: first.numericID, expectedVersion: nil)
        let reused = try store.createConfig(companyID: company.id, sample("f", externalID: "dup"), limit: 1000)
        #expect(reused.id != first.id)
        #expect(try store.config(companyID: company.id, .externalID("dup")) == reused)
    }

    @Test(arguments: StoreBackend.allCases)
    func updateHonoursAndBumpsTheVersion(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        var config = try store.createConfig(companyID: company.id, sample("a", priority: 1), limit: 1000)
        config.name = "b"
        config.priority = nil
        config.workerMatch = WorkerMatch(teamIds: ["Z"])
        config.taskMatch = TaskMatch()
        config.overrideWorkerQueueExpression = nil
        config.overrideTaskWorkflowExpression = "1 == 1"
        let updated = try store.updateConfig(config, expectedVersion: 1)
        #expect(updated.version == 2)
        #expect(updated.name == "b" && updated.priority == nil)
        #expect(updated.workerMatch == WorkerMatch(teamIds: ["Z"]))
        #expect(updated.overrideWorkerQueueExpression == nil)
        #expect(updated.overrideTaskWorkflowExpression == "1 == 1")
        #expect(updated.updatedAt != nil && updated.updatedAt! >= updated.createdAt)
        #expect(updated.createdAt == config.createdAt && updated.id == config.id)
        #expect(try store.config(companyID: company.id, .numericID(config.numericID)) == updated)

        expectError(.versionMismatch(current: 2)) { _ = try store.updateConfig(config, expectedVersion: 1) }
        let third = try store.updateConfig(updated, expectedVersion: nil)
        #expect(third.version == 3)
        expectError(.versionMismatch(current: 3)) {
            try store.deleteConfig(companyID: company.id, numericID: config.numericID, expectedVersion: 2)
        }
        try store.deleteConfig(companyID: company.id, numericID: config.numericID, expectedVersion: 3)
        expectError(.notFound) { _ = try store.updateConfig(third, expectedVersion: nil) }
    }

    @Test(arguments: StoreBackend.allCases)
    func theDefaultConfigCanBeUpdatedButNotDeleted(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        var defaultConfig = try #require(try store.liveConfigs(companyID: company.id).first)
        expectError(.cannotDeleteDefault) {
            try store.deleteConfig(companyID: company.id, numericID: defaultConfig.numericID, expectedVersion: nil)
        }
        defaultConfig.workerMatch = WorkerMatch(isManager: false)
        let updated = try store.updateConfig(defaultConfig, expectedVersion: 1)
        #expect(updated.isDefault && updated.version == 2)
        #expect(try store.liveConfigs(companyID: company.id) == [updated])
    }

    @Test(arguments: StoreBackend.allCases)
    func deleteIsSoft(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let config = try store.createConfig(companyID: company.id, sample("a", externalID: "x"), limit: 1000)
        try store.deleteConfig(companyID: company.id, numericID: config.numericID, expectedVersion: nil)
        #expect(try store.config(companyID: company.id, .publicID(config.id)) == nil)
        #expect(try store.config(companyID: company.id, .externalID("x")) == nil)
        #expect(try store.config(companyID: company.id, .numericID(config.numericID)) == nil)
        #expect(!(try store.liveConfigs(companyID: company.id).contains { $0.id == config.id }))
        expectError(.notFound) {
            try store.deleteConfig(companyID: company.id, numericID: config.numericID, expectedVersion: nil)
        }
        expectError(.notFound) {
            try store.deleteConfig(companyID: company.id, numericID: 987_654_321, expectedVersion: nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theConfigLimitCountsLiveConfigs(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        // The default counts: a limit of 3 leaves room for two more.
        let first = try store.createConfig(companyID: company.id, sample("a"), limit: 3)
        _ = try store.createConfig(companyID: company.id, sample("b"), limit: 3)
        expectError(.configLimitReached(3)) { _ = try store.createConfig(companyID: company.id, sample("c"), limit: 3) }
        try store.deleteConfig(companyID: company.id, numericID: first.numericID, expectedVersion: nil)
        _ = try store.createConfig(companyID: company.id, sample("c"), limit: 3)
        #expect(try store.liveConfigs(companyID: company.id).count == 3)
        // The limit is per company.
        let other = try store.createCompany(name: "other")
        _ = try store.createConfig(companyID: other.id, sample("a"), limit: 3)
    }

    @Test(arguments: StoreBackend.allCases)
    func companiesAreIsolated(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let mine = try store.createCompany(name: "mine")
        let theirs = try store.createCompany(name: "theirs")
        var config = try store.createConfig(companyID: mine.id, sample("a", externalID: "e"), limit: 1000)
        #expect(try store.config(companyID: theirs.id, .publicID(config.id)) == nil)
        #expect(try store.config(companyID: theirs.id, .externalID("e")) == nil)
        #expect(try store.config(companyID: theirs.id, .numericID(config.numericID)) == nil)
        #expect(try store.liveConfigs(companyID: theirs.id).count == 1)
        #expect(try store.liveConfigs(companyID: mine.id).count == 2)
        expectError(.notFound) {
            try store.deleteConfig(companyID: theirs.id, numericID: config.numericID, expectedVersion: nil)
        }
        config.companyID = theirs.id
        expectError(.notFound) { _ = try store.updateConfig(config, expectedVersion: nil) }
        #expect(try store.config(companyID: mine.id, .publicID(config.id))?.version == 1)
        expectError(.notFound) { _ = try store.createConfig(companyID: "CP-NONE-0000", sample("x"), limit: 1000) }
        #expect(try store.liveConfigs(companyID: "CP-NONE-0000") == [])
    }

    @Test(arguments: StoreBackend.allCases)
    func apiKeys(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let key = try store.createAPIKey(companyID: company.id, hash: "aa11")
        #expect(key.id.hasPrefix("AK-") && key.companyID == company.id && !key.isAdmin && key.revokedAt == nil)
        let admin = try store.createAPIKey(companyID: nil, hash: "bb22")
        #expect(admin.isAdmin)
        #expect(try store.apiKey(hash: "aa11") == key)
        #expect(try store.apiKey(hash: "bb22") == admin)
        #expect(try store.apiKey(hash: "cc33") == nil)
        #expect(try store.revokeAPIKey(id: key.id))
        #expect(try store.apiKey(hash: "aa11") == nil)
        #expect(try !store.revokeAPIKey(id: key.id))
        #expect(try !store.revokeAPIKey(id: "AK-0000-0000"))
        #expect(try store.apiKey(hash: "bb22") == admin)
        expectError(.notFound) { _ = try store.createAPIKey(companyID: "CP-NONE-0000", hash: "dd44") }
    }

    @Test(arguments: StoreBackend.allCases)
    func syncMappingRoundtrips(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        #expect(try store.syncMapping(companyID: company.id) == SyncMapping())
        let mapping = SyncMapping(
            queueSIDs: ["TP-AAAA-AAAA": "WQ1", "TP-BBBB-BBBB": "WQ2"], workflowSID: "WW1",
            emulatorWorkspaceSID: "WS1")
        try store.saveSyncMapping(companyID: company.id, mapping)
        #expect(try store.syncMapping(companyID: company.id) == mapping)
        let replaced = SyncMapping(queueSIDs: ["TP-CCCC-CCCC": "WQ3"])
        try store.saveSyncMapping(companyID: company.id, replaced)
        #expect(try store.syncMapping(companyID: company.id) == replaced)
        let other = try store.createCompany(name: "other")
        #expect(try store.syncMapping(companyID: other.id) == SyncMapping())
        expectError(.notFound) { try store.saveSyncMapping(companyID: "CP-NONE-0000", mapping) }
    }

    @Test(arguments: StoreBackend.allCases)
    func taskRouterTargetRoundtrips(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        #expect(try store.taskRouterTarget(companyID: company.id) == nil)
        let target = StoredTaskRouterTarget(
            companyID: company.id, accountSID: "AC1", sealedAuthToken: [0, 1, 2, 255, 0x5c, 0x78],
            workspaceSID: "WS1")
        try store.saveTaskRouterTarget(target)
        #expect(try store.taskRouterTarget(companyID: company.id) == target)
        let replaced = StoredTaskRouterTarget(
            companyID: company.id, accountSID: "AC2", apiKeySID: "SK1", sealedAPIKeySecret: [],
            workspaceSID: "WS2", baseURL: "http://127.0.0.1:9/", workflowName: "Other")
        try store.saveTaskRouterTarget(replaced)
        #expect(try store.taskRouterTarget(companyID: company.id) == replaced)
        expectError(.notFound) {
            try store.saveTaskRouterTarget(
                StoredTaskRouterTarget(companyID: "CP-NONE-0000", accountSID: "AC", workspaceSID: "WS"))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func syncRunsRoundtripAndTheLatestIsFound(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        #expect(try store.latestSyncRun(companyID: company.id, dryRun: nil) == nil)
        #expect(try store.latestSuccessfulSyncRun(companyID: company.id) == nil)

        var first = StoredSyncRun(
            id: "SR-AAAA-0001", companyID: company.id, status: "running", dryRun: false, startedAt: 100,
            document: #"{"id":"SR-AAAA-0001"}"#)
        try store.saveSyncRun(first)
        #expect(try store.latestSyncRun(companyID: company.id, dryRun: nil) == first)
        #expect(try store.latestSuccessfulSyncRun(companyID: company.id) == nil)
        first.status = "succeeded"
        first.finishedAt = 150
        first.syncedState = #"{"queues":[]}"#
        try store.saveSyncRun(first)
        #expect(try store.latestSyncRun(companyID: company.id, dryRun: false) == first)
        #expect(try store.latestSuccessfulSyncRun(companyID: company.id) == first)

        let dry = StoredSyncRun(
            id: "SR-AAAA-0002", companyID: company.id, status: "succeeded", dryRun: true, startedAt: 200,
            finishedAt: 210, document: "{}")
        try store.saveSyncRun(dry)
        let failed = StoredSyncRun(
            id: "SR-AAAA-0003", companyID: company.id, status: "failed", dryRun: false, startedAt: 300,
            finishedAt: 310, document: "{}")
        try store.saveSyncRun(failed)
        #expect(try store.latestSyncRun(companyID: company.id, dryRun: nil) == failed)
        #expect(try store.latestSyncRun(companyID: company.id, dryRun: true) == dry)
        #expect(try store.latestSyncRun(companyID: company.id, dryRun: false) == failed)
        #expect(try store.latestSuccessfulSyncRun(companyID: company.id) == first)

        let warned = StoredSyncRun(
            id: "SR-AAAA-0004", companyID: company.id, status: "succeededWithWarnings", dryRun: false,
            startedAt: 400, document: "{}", syncedState: "{}")
        try store.saveSyncRun(warned)
        #expect(try store.latestSuccessfulSyncRun(companyID: company.id) == warned)

        let other = try store.createCompany(name: "other")
        #expect(try store.latestSyncRun(companyID: other.id, dryRun: nil) == nil)
        expectError(.notFound) {
            try store.saveSyncRun(
                StoredSyncRun(
                    id: "SR-AAAA-0005", companyID: "CP-NONE-0000", status: "failed", dryRun: false, startedAt: 1,
                    document: "{}"))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theSyncLockAdmitsOneHolderPerCompany(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let secondProcess = try test.reopen()
        let company = try store.createCompany(name: "c")
        let other = try store.createCompany(name: "other")
        let run = StoredSyncRun(
            id: "SR-LOCK-0001", companyID: company.id, status: "running", dryRun: false, startedAt: 1, document: "{}")

        let result = try store.withSyncLock(companyID: company.id) { () throws -> Int in
            try store.saveSyncRun(run)
            for taker in [store, secondProcess] {
                #expect(throws: StoreError.syncInProgress("SR-LOCK-0001")) {
                    try taker.withSyncLock(companyID: company.id) { () throws -> Int in 0 }
                }
            }
            // Another company's sync is independent.
            #expect(try secondProcess.withSyncLock(companyID: other.id) { () throws -> Int in 7 } == 7)
            return 42
        }
        #expect(result == 42)
        // Released after the body returns, and after it throws.
        struct Boom: Error {}
        #expect(throws: Boom.self) { try secondProcess.withSyncLock(companyID: company.id) { throw Boom() } }
        #expect(try store.withSyncLock(companyID: company.id) { 1 } == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentCreatesFromManyThreads(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let threads = 8
        let perThread = 12
        let created = Mutex<[PairingConfig]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in 0..<perThread {
                do {
                    let config = try store.createConfig(
                        companyID: company.id, sample("t\(thread)-\(index)", externalID: "e-\(thread)-\(index)"),
                        limit: 1000)
                    created.withLock { $0.append(config) }
                    _ = try store.liveConfigs(companyID: company.id)
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let configs = created.withLock { $0 }
        #expect(configs.count == threads * perThread)
        #expect(Set(configs.map(\.id)).count == configs.count)
        #expect(Set(configs.map(\.numericID)).count == configs.count)
        let live = try store.liveConfigs(companyID: company.id)
        #expect(live.count == threads * perThread + 1)
        #expect(Set(live.map(\.id)).count == live.count)
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentCreatesRespectTheLimit(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let company = try store.createCompany(name: "c")
        let outcomes = Mutex<(created: Int, refused: Int, other: [String])>((0, 0, []))
        DispatchQueue.concurrentPerform(iterations: 6) { thread in
            for index in 0..<5 {
                do {
                    _ = try store.createConfig(companyID: company.id, sample("t\(thread)-\(index)"), limit: 10)
                    outcomes.withLock { $0.created += 1 }
                } catch StoreError.configLimitReached(10) {
                    outcomes.withLock { $0.refused += 1 }
                } catch {
                    outcomes.withLock { $0.other.append("\(error)") }
                }
            }
        }
        let result = outcomes.withLock { $0 }
        #expect(result.other == [])
        #expect(result.created == 9 && result.refused == 21)
        #expect(try store.liveConfigs(companyID: company.id).count == 10)
    }

    @Test(arguments: StoreBackend.allCases)
    func textThatLooksLikeSQLIsStoredVerbatim(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        let hostile = "x'); DROP TABLE companies; -- \u{00e9}\u{1F600} \\ \" $1 ?"
        let company = try store.createCompany(name: hostile)
        #expect(try store.company(id: company.id)?.name == hostile)
        let config = try store.createConfig(
            companyID: company.id,
            NewPairingConfig(
                externalID: hostile, name: hostile, workerMatch: WorkerMatch(teamIds: [hostile]),
                overrideWorkerQueueExpression: hostile),
            limit: 1000)
        let found = try #require(try store.config(companyID: company.id, .externalID(hostile)))
        #expect(found == config)
        #expect(found.workerMatch.teamIds == [hostile])
        #expect(try store.companies().contains(company))
    }

    @Test(arguments: StoreBackend.allCases)
    func processesStartingTogetherMigrateWithoutRacing(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore(migrated: false) else { return }
        let stores = [test.store] + (try (0..<3).map { _ in try test.reopen() })
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: stores.count) { index in
            do {
                try stores[index].migrate()
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let company = try stores[3].createCompany(name: "c")
        #expect(try stores[0].liveConfigs(companyID: company.id).count == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func migrationsAreIdempotentAndKeepData(_ backend: StoreBackend) throws {
        guard let test = try backend.makeStore() else { return }
        let store = test.store
        try store.migrate()
        let company = try store.createCompany(name: "kept")
        let config = try store.createConfig(companyID: company.id, sample("a", externalID: "k"), limit: 1000)
        // A second process starting on the existing database migrates again.
        let reopened = try test.reopen()
        try reopened.migrate()
        try reopened.migrate()
        #expect(try reopened.company(id: company.id) == company)
        #expect(try reopened.config(companyID: company.id, .externalID("k")) == config)
    }
}
