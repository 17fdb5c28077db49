// TaskRouterEmulator: see docs/architecture.md
