"""The search, filter and sort language over a small row protocol; pure, never imports the store."""
