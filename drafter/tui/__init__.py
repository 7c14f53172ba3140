"""The clerk's workbench: a Textual app over drafter.workspace (nothing imports this package)."""
