"""`kg extract` commands (see the module that owns them)."""
