// Tests for PairingCore.
