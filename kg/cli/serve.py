"""`kg serve` commands (see the module that owns them)."""
