import TaskRouterExpressions

extension TaskRouterEmulator {
    /// The SID of the oldest workspace with this friendly name, if any.
    public func workspaceSID(friendlyName: String) -> String? {
        state.withLock { state in state.workspaces.all.first { $0.friendlyName == friendlyName }?.sid }
    }

    /// Gives a workspace a small demo staff: for every team ID one manager and two
    /// agents, all available, with the worker attributes twpc's expressions assume
    /// (`{"isManager": Bool, "teamIds": [team]}`). Names are `"<name> (<team ID>)"`;
    /// workers whose name already exists are left alone, so seeding twice is harmless.
    /// Returns the SIDs of the workers created.
    @discardableResult
    public func seedDemoWorkers(workspaceSID: String, teamIDs: [String]) throws(EmulatorError) -> [String] {
        let rosters = [["Morgan", "Avery", "Jordan"], ["Riley", "Casey", "Quinn"], ["Taylor", "Jamie", "Drew"]]
        var created: [String] = []
        for (index, team) in teamIDs.enumerated() {
            for (position, name) in rosters[index % rosters.count].enumerated() {
                let attributes: JSONValue = .object([
                    "isManager": .bool(position == 0), "teamIds": .array([.string(team)]),
                ])
                do {
                    created.append(
                        try createWorker(
                            workspaceSID: workspaceSID, friendlyName: "\(name) (\(team))", attributes: attributes,
                            available: true))
                } catch  where error.status == 409 {
                    continue
                }
            }
        }
        return created
    }
}
