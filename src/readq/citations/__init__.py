"""Citations: styles, citation keys, pinned keys and export formats; pure."""
