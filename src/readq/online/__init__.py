"""Online sources (arXiv, Hugging Face): clients, pacing, retries; no Textual."""
