// Tests for TaskRouterClient.
