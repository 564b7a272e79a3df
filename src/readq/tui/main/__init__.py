"""The main screen and its features."""
