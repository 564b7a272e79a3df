"""Text: sanitising untrusted input, what may reach a terminal, labels, tags and notes; pure."""
