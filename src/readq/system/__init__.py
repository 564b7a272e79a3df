"""Adapters to the operating system: clipboard, paste, the user's editor, files to import."""
