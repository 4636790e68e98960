"""Step definitions: what a resident does, in the resident's words, through the portal contract."""
