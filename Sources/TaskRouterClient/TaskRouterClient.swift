// TaskRouterClient: see docs/architecture.md
