"""`kg network` commands (see the module that owns them)."""
