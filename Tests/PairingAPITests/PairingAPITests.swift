// Tests for PairingAPI.
