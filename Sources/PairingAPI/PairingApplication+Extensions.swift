extension PairingApplication {
    /// Registers routes of controllers that live outside this module's core files, after the
    /// config routes. The sync work adds `SyncController.register(on: self)` here; any such
    /// controller uses `route(_:_:)`, `authorize(_:)`, `jsonObjectBody(_:)`, `Envelope` and
    /// `addSchema(_:_:)`, so its routes share auth, envelopes, logging and the OpenAPI document.
    func registerExtensions() {
        AuthTokenController.register(on: self)
    }
}
