// Tests for PairingStore.
