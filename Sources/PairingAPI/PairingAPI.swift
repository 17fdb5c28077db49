// PairingAPI: see docs/architecture.md
