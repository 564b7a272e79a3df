"""The application service: records, views, history (undo), imports and stats; the one door to writes."""
