"""Modal screens: pickers, export, help."""
