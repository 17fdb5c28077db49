// Tests for TaskRouterEmulator.
